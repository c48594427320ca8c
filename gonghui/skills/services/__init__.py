"""Every write of the skills app, one module per part; import the service from its module."""
