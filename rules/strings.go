package rules

import "strings"

// The string builders of rules check the size of their result before they
// allocate it, and charge it to the evaluation's budget: expr's own + and
// replace are not covered by its memory budget.

func concatCapped(args ...any) (any, error) {
	c, a, b := args[0].(*evalCtx), args[1].(string), args[2].(string)
	if err := c.grow(len(a) + len(b)); err != nil {
		return nil, err
	}
	return a + b, nil
}

func replaceCapped(args ...any) (any, error) {
	c, s, old, repl := args[0].(*evalCtx), args[1].(string), args[2].(string), args[3].(string)
	n := strings.Count(s, old)
	if n == 0 {
		return s, nil
	}
	if err := c.grow(len(s) + n*(len(repl)-len(old))); err != nil {
		return nil, err
	}
	return strings.ReplaceAll(s, old, repl), nil
}

func joinCapped(args ...any) (any, error) {
	c, list := args[0].(*evalCtx), args[1].([]any)
	sep := ""
	if len(args) > 2 {
		sep = args[2].(string)
	}
	parts := make([]string, 0, len(list))
	size := len(sep) * len(list)
	for _, v := range list {
		s, ok := v.(string)
		if !ok {
			continue
		}
		parts = append(parts, s)
		size += len(s)
	}
	if err := c.grow(size); err != nil {
		return nil, err
	}
	return strings.Join(parts, sep), nil
}
