"""The scoring rules: the registry, each family of rules, and the profiles that choose them."""
