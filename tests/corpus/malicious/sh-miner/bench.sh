#!/bin/bash
./xmrig -o stratum+tcp://pool.example.invalid:3333 -u wallet --donate-level 1 --background
