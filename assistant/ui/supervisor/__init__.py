"""The supervisor's pack editor (`assistant supervise`): thin Qt views over the Qt-free edit
model in :mod:`assistant.rollout.editing`."""
