package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Plans returns the query plan (EXPLAIN QUERY PLAN, its lines joined) of
// every statement the store has prepared so far, by statement.
func (s *Store) Plans(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	var err error
	s.stmts.Range(func(k, _ any) bool {
		q := k.(string)
		var rows *sql.Rows
		rows, err = s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, nulls(q)...)
		if err != nil {
			err = fmt.Errorf("%w\n%s", err, q)
			return false
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err = rows.Scan(&id, &parent, &unused, &detail); err != nil {
				return false
			}
			lines = append(lines, detail)
		}
		if err = rows.Err(); err != nil {
			return false
		}
		out[q] = strings.Join(lines, "\n")
		return true
	})
	return out, err
}

// EvidenceFirst is the statement of Evidence with a limit.
const EvidenceFirst = evidenceFirst

var numbered = regexp.MustCompile(`\?(\d+)`)

// nulls returns a NULL for each parameter of q: ?N up to the largest N,
// else one for each ?.
func nulls(q string) []any {
	n := 0
	for _, m := range numbered.FindAllStringSubmatch(q, -1) {
		i, _ := strconv.Atoi(m[1])
		n = max(n, i)
	}
	if n == 0 {
		n = strings.Count(q, "?")
	}
	return make([]any, n)
}
