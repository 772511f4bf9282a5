package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestPprofAddress checks that --pprof serves only on a loopback address
// and says why it refuses another.
func TestPprofAddress(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tc := range []struct {
		addr string
		err  string // "" when it serves
	}{
		{"127.0.0.1:0", ""},
		{"localhost:0", ""},
		{"[::1]:0", ""},
		{"0.0.0.0:0", "loopback address only"},
		{":0", "loopback address only"},
		{"192.0.2.1:6060", "loopback address only"},
		{"127.0.0.1", "missing port"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		err := servePprof(ctx, tc.addr, log)
		cancel()
		switch {
		case tc.err == "" && err != nil && !strings.Contains(err.Error(), "cannot assign") && !strings.Contains(err.Error(), "address family"):
			t.Errorf("servePprof(%q) = %v, want it served", tc.addr, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("servePprof(%q) = %v, want an error saying %q", tc.addr, err, tc.err)
		}
	}
}
