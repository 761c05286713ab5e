package profiling

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/pocketbase/pocketbase/core"
)

// memFromEnv writes a heap profile when the app terminates if MP_MEMPROFILE
// names a file, and logs how the Go runtime's memory splits (what is live,
// what it keeps for reuse, what it gave back): how the resident memory
// figures of docs/PERFORMANCE.md were explained.
func memFromEnv(app core.App) {
	path := os.Getenv("MP_MEMPROFILE")
	if path == "" {
		return
	}
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		const mb = 1 << 20
		fmt.Fprintf(os.Stderr, "MP_MEMPROFILE: Go memory at exit: heap in use %d MB, idle %d MB (released %d MB), stacks %d MB, from the OS %d MB, %d goroutines\n",
			m.HeapInuse/mb, m.HeapIdle/mb, m.HeapReleased/mb, m.StackInuse/mb, m.Sys/mb, runtime.NumGoroutine())
		if f, err := os.Create(path); err == nil {
			_ = pprof.WriteHeapProfile(f)
			_ = f.Close()
		}
		return e.Next()
	})
}
