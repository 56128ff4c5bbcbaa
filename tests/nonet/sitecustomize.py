"""Loaded into every CLI subprocess the tests start: any network connection raises at once."""
import socket


def _refuse(*args, **kwargs):
    raise OSError("network access blocked by the qa test-suite")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
