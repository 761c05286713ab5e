package e2e

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

func TestMain(m *testing.M) { testapp.Main(m) }
