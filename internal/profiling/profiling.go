// Package profiling writes a CPU profile of the whole server run when
// MP_CPUPROFILE names a file: how the figures of docs/PERFORMANCE.md were
// explained (go tool pprof bin/multipotenzial FILE).
package profiling

import (
	"os"
	"runtime/pprof"

	"github.com/pocketbase/pocketbase/core"
)

// FromEnv starts the profile if MP_CPUPROFILE is set; it ends when app terminates.
func FromEnv(app core.App) {
	memFromEnv(app)
	path := os.Getenv("MP_CPUPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		app.Logger().Error("MP_CPUPROFILE: cannot create the file", "path", path, "error", err)
		return
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		app.Logger().Error("MP_CPUPROFILE: cannot start", "error", err)
		_ = f.Close()
		return
	}
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		pprof.StopCPUProfile()
		_ = f.Close()
		return e.Next()
	})
}
