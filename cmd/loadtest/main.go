// Command loadtest measures a MultiPotenzial server under load and drills
// its failure modes. See docs/RELIABILITY.md and docs/PERFORMANCE.md.
//
//	loadtest load     [flags]  registration burst vs batch API, counsellors, realtime, memory
//	loadtest seed     [flags]  fill a data directory with cases through the submission route
//	loadtest crash    [flags]  kill -9 during registrations, restart, check every acknowledged one
//	loadtest diskfull [flags]  pb_data on a small tmpfs, filled up, then freed
//	loadtest backup   [flags]  a backup while registrations run, restored and checked
//	loadtest badinput [flags]  malformed requests at volume: never a 5xx
//
// Every command starts a throwaway server from --bin on --dir (a new
// directory by default) unless --url points at one already running.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

var commands = map[string]func(ctx context.Context, args []string) error{
	"load":     cmdLoad,
	"seed":     cmdSeed,
	"crash":    cmdCrash,
	"diskfull": cmdDiskFull,
	"backup":   cmdBackup,
	"badinput": cmdBadInput,
}

func main() {
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: loadtest load|seed|crash|diskfull|backup|badinput [flags]  (-h for flags)")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := commands[os.Args[1]](ctx, os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
