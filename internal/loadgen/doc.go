// Package loadgen drives a running MultiPotenzial server the way its users
// do, to measure it and to break it on purpose: registration bursts (the
// public submission route, and PocketBase's batch API writing the same four
// records for comparison), counsellors working their inbox, realtime
// subscribers, and the fault drills (kill -9 under load, a full disk, a
// backup under load, bad input at volume). cmd/loadtest is its command line;
// the quick versions of every drill run as Go tests there.
//
// Load is closed-loop: N clients, each with its own keep-alive connection,
// send one request after another as fast as the server answers. Latencies are
// kept in full and percentiles are exact (nearest rank), never estimated.
package loadgen
