package mapping

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// migrationFiles holds one folder per dialect; each file is named
// NNNN_description.sql and holds statements ending with ';' at the end of a
// line. {{prefix}} stands for the table prefix.
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version    int
	name       string
	statements []string
}

// migrations returns the dialect's migrations in version order.
func migrations(d *dialect, prefix string) ([]migration, error) {
	dir := path.Join("migrations", d.name)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("bad migration file name %s", e.Name())
		}
		b, err := migrationFiles.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), statements: splitStatements(strings.ReplaceAll(string(b), "{{prefix}}", prefix))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s is out of sequence", m.name)
		}
	}
	return out, nil
}

// splitStatements splits a migration file on ';' ending a line, dropping
// comment lines.
func splitStatements(src string) []string {
	var stmts []string
	var cur strings.Builder
	for line := range strings.Lines(src) {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(t, ";") {
			stmts = append(stmts, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}

// migrate brings the schema to the latest version this build knows, or to
// maxVersion when it is positive. It fails if the database is at a version
// newer than this build.
func (s *SQLStore) migrate(ctx context.Context, maxVersion int) error {
	ms, err := migrations(s.d, s.prefix)
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	target := len(ms)
	if maxVersion > 0 && maxVersion < target {
		target = maxVersion
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()

	var q querier = conn
	var tx *sql.Tx
	if s.d.migrateInTx {
		if tx, err = conn.BeginTx(ctx, nil); err != nil {
			return err
		}
		defer func() { _ = tx.Rollback() }()
		q = tx
	}
	unlock, err := s.d.lockMigrations(ctx, q, s.prefix)
	if err != nil {
		return fmt.Errorf("lock schema for migration: %w", err)
	}
	defer unlock()

	if _, err := q.ExecContext(ctx, s.q("CREATE TABLE IF NOT EXISTS {p}schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)")); err != nil {
		return fmt.Errorf("create schema_version table: %w", err)
	}
	var current int
	if err := q.QueryRowContext(ctx, s.q("SELECT COALESCE(MAX(version), 0) FROM {p}schema_version")).Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("schema version %d is newer than this build supports (%d)", current, len(ms))
	}
	for _, m := range ms[current:target] {
		for _, st := range m.statements {
			if _, err := q.ExecContext(ctx, st); err != nil {
				return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
			}
		}
		if _, err := q.ExecContext(ctx, s.q("INSERT INTO {p}schema_version (version, applied_at) VALUES (?, ?)"), m.version, micros(s.clock())); err != nil {
			return fmt.Errorf("record schema version %d: %w", m.version, err)
		}
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("commit migration: %w", err)
		}
	}
	return nil
}

// SchemaVersion returns the schema version recorded in the database.
func (s *SQLStore) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.check(ctx); err != nil {
		return 0, fmt.Errorf("mapping: read schema version: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, s.q("SELECT COALESCE(MAX(version), 0) FROM {p}schema_version")).Scan(&v); err != nil {
		return 0, fmt.Errorf("mapping: read schema version: %w", err)
	}
	return v, nil
}
