package mapping

// Test-only hooks and fixtures shared by the internal tests, the external
// tests and the benchmarks.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/stretchr/testify/require"
)

// Environment variables naming the test servers (each driver's own DSN).
const (
	PostgresEnv = "WOONEXO_TEST_POSTGRES_DSN"
	MySQLEnv    = "WOONEXO_TEST_MYSQL_DSN"
)

// WithMaxVersion stops migrations at version v.
func WithMaxVersion(v int) Option {
	return func(o *options) error { o.maxVersion = v; return nil }
}

// DB exposes the database handle to tests.
func (s *SQLStore) DB() *sql.DB { return s.db }

// Prefix exposes the table prefix to tests.
func (s *SQLStore) Prefix() string { return s.prefix }

func randomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// TempSQLitePath returns a new database file path in a temporary folder.
func TempSQLitePath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "mapping.db")
}

// TempPostgresDSN creates a fresh schema on the test server, returns a DSN
// whose search_path selects it, and drops it when the test ends. It skips
// the test when the server is not configured.
func TempPostgresDSN(t testing.TB) string {
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skipf("PostgreSQL tests skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", PostgresEnv)
	}
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close() })
	schema := randomName("woonexo_t_")
	_, err = admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema)
	require.NoError(t, err, "create test schema")
	t.Cleanup(func() {
		_, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		require.NoError(t, err, "drop test schema")
	})
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		require.NoError(t, err)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// TempMySQLDSN creates a fresh database on the test server, returns a DSN
// naming it, and drops it when the test ends. It skips the test when the
// server is not configured.
func TempMySQLDSN(t testing.TB) string {
	dsn := os.Getenv(MySQLEnv)
	if dsn == "" {
		t.Skipf("MySQL/MariaDB tests skipped: set %s (e.g. root:@tcp(127.0.0.1:3306)/test?parseTime=true)", MySQLEnv)
	}
	cfg, err := mysql.ParseDSN(dsn)
	require.NoError(t, err)
	admin, err := sql.Open("mysql", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close() })
	name := randomName("woonexo_t_")
	_, err = admin.ExecContext(context.Background(), "CREATE DATABASE "+name+" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin")
	require.NoError(t, err, "create test database")
	t.Cleanup(func() {
		_, err := admin.ExecContext(context.Background(), "DROP DATABASE "+name)
		require.NoError(t, err, "drop test database")
	})
	cfg.DBName = name
	return cfg.FormatDSN()
}

// Opener opens a store of one dialect on a fresh database for a test.
type Opener struct {
	Name string
	Open func(t testing.TB, opts ...Option) *SQLStore
	// DSN returns a fresh database for the dialect, and OpenDSN opens it.
	DSN     func(t testing.TB) string
	OpenDSN func(ctx context.Context, dsn string, opts ...Option) (*SQLStore, error)
}

// SQLOpeners lists the SQL dialects under test.
var SQLOpeners = []Opener{
	{Name: "SQLite", DSN: TempSQLitePath, OpenDSN: OpenSQLite},
	{Name: "Postgres", DSN: TempPostgresDSN, OpenDSN: OpenPostgres},
	{Name: "MySQL", DSN: TempMySQLDSN, OpenDSN: OpenMySQL},
}

func init() {
	for i := range SQLOpeners {
		o := &SQLOpeners[i]
		o.Open = func(t testing.TB, opts ...Option) *SQLStore {
			s, err := o.OpenDSN(context.Background(), o.DSN(t), opts...)
			require.NoError(t, err)
			t.Cleanup(func() { _ = s.Close() })
			return s
		}
	}
}
