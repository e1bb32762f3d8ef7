"""What a person types, read into what the scan needs: targets, ports, the service
registry that names them, and the curated top lists.
"""
