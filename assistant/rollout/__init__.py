"""Rolling a supervisor's pack out to a floor of agents: signed packs, trusted keys, the
managed folder agents load from, and the admin policy that locks settings. Qt-free.
"""
