"""Reference facts every capability shares: states and their names, codes and history."""
