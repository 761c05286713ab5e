package hooks_test

import (
	"net/http"
	"net/http/httptest"

	"github.com/pocketbase/dbx"
)

func dbxHash(col string, v any) dbx.Expression { return dbx.HashExp{col: v} }

func httpGet(h http.Handler, url string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	return rec
}
