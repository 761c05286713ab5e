package hooks

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// Commands are MultiPotenzial's own CLI commands (main adds them):
//
//	multipotenzial audit verify   recompute the audit log's hash chain
//	multipotenzial audit head     print the newest entry's number and hash,
//	                              to keep outside the server (anchoring)
func Commands(app core.App) []*cobra.Command {
	audit := &cobra.Command{Use: "audit", Short: "The audit log of changes"}
	audit.AddCommand(&cobra.Command{
		Use:   "verify",
		Short: "Verify that no audit entry was changed, removed or reordered",
		RunE: func(cmd *cobra.Command, args []string) error {
			brk, n, err := VerifyAuditChain(app)
			if err != nil {
				return err
			}
			if brk != nil {
				return fmt.Errorf("audit chain broken at entry %d: %s (%d entries checked)", brk.Seq, brk.Reason, n)
			}
			seq, hash := lastAuditEntry(app)
			fmt.Fprintf(cmd.OutOrStdout(), "audit chain intact: %d entries, head %d %s\n", n, seq, hash)
			return nil
		},
	})
	audit.AddCommand(&cobra.Command{
		Use:   "head",
		Short: "Print the newest audit entry's number and hash",
		RunE: func(cmd *cobra.Command, args []string) error {
			seq, hash := lastAuditEntry(app)
			if seq == 0 {
				return errors.New("the audit log is empty")
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d %s\n", seq, hash)
			return nil
		},
	})
	return []*cobra.Command{audit}
}
