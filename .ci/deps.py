"""Print the Python requirements from pyproject.toml (the one place they are listed), one per line.

`python .ci/deps.py` gives the runtime ones; `python .ci/deps.py test` adds the test extras.
"""
import sys
import tomllib

project = tomllib.load(open("pyproject.toml", "rb"))["project"]
reqs = list(project["dependencies"])
for extra in sys.argv[1:]:
    reqs += project["optional-dependencies"][extra]
print("\n".join(reqs))
