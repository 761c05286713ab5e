package rules

import "unicode/utf8"

type position struct{ line, column, from, to int }

// locate converts the rune offsets [from, to) that expr reports into a
// 1-based line and column and UTF-16 offsets. Offsets are clamped to the
// source; an empty span is widened to one character (the last one at the
// end of the source) so that an editor can underline it.
func locate(src string, from, to int) position {
	n := utf8.RuneCountInString(src)
	from = min(max(from, 0), n)
	to = min(max(to, from+1), n)
	if from == n && n > 0 {
		from = n - 1
	}
	p := position{line: 1, column: 1}
	runes, units := 0, 0
	for _, r := range src {
		if runes == from {
			p.from = units
		}
		if runes == to {
			break
		}
		if runes < from {
			if r == '\n' {
				p.line, p.column = p.line+1, 1
			} else {
				p.column += width16(r)
			}
		}
		runes++
		units += width16(r)
	}
	p.to = units
	return p
}

// width16 is the number of UTF-16 code units of r.
func width16(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
