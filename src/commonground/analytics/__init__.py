"""Pure statistics for Common Ground: NumPy/SciPy only, never Django.

Everything here works on arrays and plain files so that the same numbers come
out of the web pages, the API and the analyst command line.
"""
