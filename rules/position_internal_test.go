package rules

import "testing"

// Offsets from expr are rune offsets and may point past the end; locate
// clamps them and converts to lines, columns and UTF-16 offsets.
func TestLocate(t *testing.T) {
	tests := []struct {
		src      string
		from, to int
		want     position
	}{
		{"abc", 1, 2, position{1, 2, 1, 2}},
		{"abc", 1, 1, position{1, 2, 1, 2}},
		{"abc", 10, 20, position{1, 3, 2, 3}},
		{"abc", -5, 0, position{1, 1, 0, 1}},
		{"", 0, 0, position{1, 1, 0, 0}},
		{"a😀b", 2, 3, position{1, 4, 3, 4}},
		{"a😀b", 1, 2, position{1, 2, 1, 3}},
		{"ab\ncd\n😀x", 7, 8, position{3, 3, 8, 9}},
	}
	for _, tt := range tests {
		if got := locate(tt.src, tt.from, tt.to); got != tt.want {
			t.Errorf("locate(%q, %d, %d) = %+v, want %+v", tt.src, tt.from, tt.to, got, tt.want)
		}
	}
}
