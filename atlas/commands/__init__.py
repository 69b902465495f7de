"""The command line's commands, one module per subject; each module's COMMANDS names its commands, their options and
what runs them. Heavy modules are imported inside the functions that run a command, so `--help` answers at once.
"""
