// Package demo loads a demo data set (staff of every role, participants, cases)
// into an empty database. It runs only with `serve --demo`; a production start
// never loads it. The test harness seeds the same data, so the demo is tested.
package demo

import (
	"fmt"
	"io"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

// PasswordEnv names the environment variable that fixes the demo password;
// without it a random one is generated and printed once.
const PasswordEnv = "MP_DEMO_PASSWORD"

// Register seeds the demo data on the first start of an empty database and
// prints the demo credentials to out, once.
func Register(app core.App, out io.Writer) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: -100, // before the server starts listening
		Func: func(se *core.ServeEvent) error {
			empty, err := isEmpty(se.App)
			if err != nil {
				return err
			}
			if empty {
				password := os.Getenv(PasswordEnv)
				if password == "" {
					password = "demo-" + security.RandomStringWithAlphabet(12, "abcdefghijkmnpqrstuvwxyz23456789")
				}
				accounts, err := Seed(se.App, password)
				if err != nil {
					return fmt.Errorf("demo: %w", err)
				}
				printCredentials(out, accounts, password)
			}
			return se.Next()
		},
	})
}

func isEmpty(app core.App) (bool, error) {
	n, err := app.CountRecords("users")
	return n == 0, err
}

func printCredentials(out io.Writer, accounts []Account, password string) {
	fmt.Fprintln(out, "")
	fmt.Fprintln(out, "=== MultiPotenzial DEMO data loaded (never use these in production) ===")
	fmt.Fprintf(out, "Password of every demo account: %s\n", password)
	for _, a := range accounts {
		fmt.Fprintf(out, "  %-16s %-8s %s\n", a.Role, a.Tenant, a.Email)
	}
	fmt.Fprintln(out, "Staff log in at http://127.0.0.1:8090/workspace/, /studio/ and /reports/;")
	fmt.Fprintln(out, "this list is printed only once, at the first start.")
	fmt.Fprintln(out, "=======================================================================")
	fmt.Fprintln(out, "")
}
