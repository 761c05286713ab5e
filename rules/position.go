package rules

import "unicode/utf8"

type position struct{ line, column, from, to int }

// locate converts the rune offsets [from, to) that expr reports into a
// 1-based line and column and UTF-16 offsets. An empty span is widened to
// one character so an editor can underline it.
func locate(src string, from, to int) position {
	if to <= from {
		to = from + 1
	}
	p := position{line: 1, column: 1}
	runes, units := 0, 0
	p.from, p.to = -1, -1
	for _, r := range src {
		if runes == from {
			p.from = units
		}
		if runes == to {
			p.to = units
			break
		}
		if p.from < 0 {
			if r == '\n' {
				p.line++
				p.column = 1
			} else {
				p.column += width16(r)
			}
		}
		runes++
		units += width16(r)
	}
	if p.from < 0 {
		p.from = units
	}
	if p.to < 0 {
		p.to = units
	}
	if p.to <= p.from && p.from > 0 && p.from == units { // at the end: underline the last character
		return locate(src, from-1, from)
	}
	return p
}

// width16 is the number of UTF-16 code units of r.
func width16(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}
