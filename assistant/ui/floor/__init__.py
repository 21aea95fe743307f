"""The supervisors' live floor window (``assistant floor view``)."""
