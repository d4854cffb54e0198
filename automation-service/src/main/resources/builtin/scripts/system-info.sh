#!/bin/bash
# What a node looks like right now: CPU, memory, disks, network, load.
echo "=== Host ==="
uname -a
echo "=== Uptime / load ==="
uptime
echo "=== CPU ==="
if command -v lscpu >/dev/null 2>&1; then lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket)' ; else grep -c ^processor /proc/cpuinfo; fi
echo "=== Memory ==="
free -h 2>/dev/null || head -n 3 /proc/meminfo
echo "=== Disks ==="
df -h -x tmpfs -x devtmpfs 2>/dev/null || df -h
echo "=== Network ==="
if command -v ip >/dev/null 2>&1; then ip -brief address; else cat /proc/net/dev; fi
