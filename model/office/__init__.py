"""Reading Word and Excel files people wrote by hand (no Qt)."""
