"""What is learnt behind an open door once it is found: banners, TLS certificates,
and the service and program they identify.
"""
