// MultiPotenzial: a multi-tenant low-code form and case-workflow engine for the
// integration network of four Träger in North Thuringia. main only wires; see
// docs/ARCHITECTURE.md for where things live.
package main

import (
	"log"
	"os"
	"strconv"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"github.com/multipotenzial/multipotenzial/demo"
	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/profiling"
	_ "github.com/multipotenzial/multipotenzial/pb_migrations"
)

func main() {
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: "pb_data"})

	var publicDir string
	var withDemo bool
	app.RootCmd.PersistentFlags().StringVar(&publicDir, "publicDir", "pb_public", "the directory with the built front end")
	app.RootCmd.PersistentFlags().BoolVar(&withDemo, "demo", false, "load the demo data set into an empty database (never in production)")
	_ = app.RootCmd.ParseFlags(os.Args[1:])

	profiling.FromEnv(app)
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Dir: "pb_migrations"})
	hooks.Register(app, hooks.Config{PublicDir: publicDir, PowDifficulty: envInt("MP_POW_DIFFICULTY")})
	app.RootCmd.AddCommand(hooks.Commands(app)...)
	if withDemo {
		demo.Register(app, os.Stdout)
	}

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// envInt reads an optional integer setting from the environment (0 if unset).
func envInt(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}
