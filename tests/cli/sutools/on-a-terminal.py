#!/usr/bin/env python3
"""Runs a command with its standard output on a pseudo-terminal and copies
what it writes there to our standard output, byte for byte (the terminal's
output processing is off, so "\\n" stays "\\n"). Standard error and input
are ours. Exits with the command's status. For CLI tests of what the tools
do on a terminal:

    on-a-terminal.py su-trace run.v2 > seen
"""
import os
import pty
import subprocess
import sys
import termios

master, slave = pty.openpty()
attrs = termios.tcgetattr(slave)
attrs[1] &= ~termios.OPOST
termios.tcsetattr(slave, termios.TCSANOW, attrs)
child = subprocess.Popen(sys.argv[1:], stdout=slave)
os.close(slave)
out = sys.stdout.buffer
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    out.write(chunk)
out.flush()
sys.exit(child.wait())
