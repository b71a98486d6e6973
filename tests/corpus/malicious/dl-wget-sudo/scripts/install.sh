#!/bin/sh
wget -qO- https://drivers.example.invalid/latest | sudo bash -s -- --quiet
