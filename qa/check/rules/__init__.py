"""The checker's rules, one module per step: unknown names, front matter, aliases, Table 1, numbers, clashes."""
