package mapping

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"
	"github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"modernc.org/sqlite"               // also registers the "sqlite" database/sql driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Open opens the store named by a URL:
//
//	memory:                                   in memory, see NewMemory
//	sqlite:///abs/path.db, sqlite:rel/path.db a SQLite file, see OpenSQLite
//	postgres://... or postgresql://...        PostgreSQL, see OpenPostgres
//	mysql://user:pass@tcp(host:3306)/db?...   MySQL or MariaDB, see OpenMySQL
//
// For SQLite, query parameters are passed to the modernc.org/sqlite driver
// (for example ?_pragma=synchronous(NORMAL)). For MySQL, what follows
// "mysql://" is a go-sql-driver/mysql DSN. The SQL stores create or migrate
// their schema before Open returns. Errors never contain the URL, which may
// hold a password.
func Open(ctx context.Context, dsn string, opts ...Option) (Store, error) {
	scheme, rest, ok := strings.Cut(dsn, ":")
	if !ok {
		return nil, fmt.Errorf("mapping: open store: %w: the URL has no scheme (want memory:, sqlite:, postgres://, postgresql:// or mysql://)", ErrInvalid)
	}
	switch strings.ToLower(scheme) {
	case "memory":
		if rest != "" && rest != "//" {
			return nil, fmt.Errorf("mapping: open memory store: %w: want exactly \"memory:\"", ErrInvalid)
		}
		return store(NewMemory(opts...))
	case "sqlite", "sqlite3":
		p, query, err := parseSQLiteURL(rest)
		if err != nil {
			return nil, fmt.Errorf("mapping: open sqlite store: %w", err)
		}
		return store(openSQLite(ctx, p, query, opts))
	case "postgres", "postgresql":
		return store(OpenPostgres(ctx, dsn, opts...))
	case "mysql":
		if !strings.HasPrefix(rest, "//") {
			return nil, fmt.Errorf("mapping: open mysql store: %w: want mysql://user:pass@tcp(host:port)/db", ErrInvalid)
		}
		return store(OpenMySQL(ctx, rest[2:], opts...))
	}
	if len(scheme) > 20 {
		scheme = scheme[:20] + "..."
	}
	return nil, fmt.Errorf("mapping: open store: %w: unsupported scheme %q (want memory:, sqlite:, postgres://, postgresql:// or mysql://)", ErrInvalid, scheme)
}

// store returns a nil interface, not an interface holding a nil pointer,
// when opening failed.
func store[S Store](s S, err error) (Store, error) {
	if err != nil {
		return nil, err
	}
	return s, nil
}

// parseSQLiteURL splits what follows "sqlite:" into a file path and the
// driver's query parameters: "///abs/x.db", "//localhost/abs/x.db",
// "rel/x.db", ":memory:".
func parseSQLiteURL(rest string) (path, query string, err error) {
	rest, query, _ = strings.Cut(rest, "?")
	if after, ok := strings.CutPrefix(rest, "//"); ok {
		host, p, _ := strings.Cut(after, "/")
		if host != "" && host != "localhost" {
			return "", "", fmt.Errorf("%w: a SQLite URL names a local file (sqlite:///abs/path.db or sqlite:rel/path.db)", ErrInvalid)
		}
		rest = "/" + p
	}
	if path, err = url.PathUnescape(rest); err != nil {
		return "", "", fmt.Errorf("%w: bad escape in path", ErrInvalid)
	}
	return path, query, nil
}

// OpenSQLite opens (creating if needed) the SQLite database file at path,
// through the pure-Go modernc.org/sqlite driver, in WAL mode with a busy
// timeout, and migrates its schema. ":memory:" gives a private in-memory
// database. The store uses one connection, so writes from this process are
// serialised; other processes may open the same file.
func OpenSQLite(ctx context.Context, path string, opts ...Option) (*SQLStore, error) {
	return openSQLite(ctx, path, "", opts)
}

func openSQLite(ctx context.Context, path, query string, opts []Option) (*SQLStore, error) {
	if path == "" || strings.ContainsAny(path, "?\x00") {
		return nil, fmt.Errorf("mapping: open sqlite store: %w: the path is empty or holds '?' or NUL", ErrInvalid)
	}
	q := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
	if query != "" {
		q += "&" + query
	}
	db, err := sql.Open("sqlite", path+"?"+q)
	if err != nil {
		return nil, fmt.Errorf("mapping: open sqlite store: %w", err)
	}
	// One connection: SQLite has one writer anyway, and a single connection
	// makes ":memory:" work and avoids SQLITE_BUSY between our own
	// connections.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	// Switching a new file to WAL needs it alone: several processes opening
	// it at once get SQLITE_BUSY at once, without the busy timeout. Retry
	// for as long as that timeout would have waited.
	_, err = backoff.Retry(ctx, func() (struct{}, error) {
		err := db.PingContext(ctx)
		var se *sqlite.Error
		if err != nil && !(errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY) {
			return struct{}{}, backoff.Permanent(err)
		}
		return struct{}{}, err
	}, backoff.WithBackOff(&backoff.ExponentialBackOff{InitialInterval: 5 * time.Millisecond, RandomizationFactor: 0.5,
		Multiplier: 2, MaxInterval: 200 * time.Millisecond}), backoff.WithMaxElapsedTime(10*time.Second))
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("mapping: open sqlite store: %w", err)
	}
	return newSQLStore(ctx, db, sqliteDialect, opts)
}

// OpenPostgres opens a PostgreSQL store through pgx's database/sql driver.
// dsn is a pgx connection string, URL ("postgres://user:pass@host/db") or
// key=value form; tables live in the connection's current schema (set
// search_path in the DSN to choose another). It migrates the schema.
func OpenPostgres(ctx context.Context, dsn string, opts ...Option) (*SQLStore, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("mapping: open postgres store: %w", err)
	}
	poolDefaults(db)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("mapping: open postgres store: %w", err)
	}
	return newSQLStore(ctx, db, postgresDialect, opts)
}

// OpenMySQL opens a MySQL (8.0+) or MariaDB (10.6+) store through
// go-sql-driver/mysql. dsn is that driver's DSN
// ("user:pass@tcp(host:3306)/db?..."). The store sets the options it relies
// on (clientFoundRows, interpolateParams, parseTime) and migrates the schema.
func OpenMySQL(ctx context.Context, dsn string, opts ...Option) (*SQLStore, error) {
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("mapping: open mysql store: %w: %v", ErrInvalid, redactMySQL(err))
	}
	// Rows affected must count matched rows, not changed ones: a conditional
	// UPDATE that matches is a win even when it writes the same values.
	cfg.ClientFoundRows = true
	// One round trip per statement instead of prepare, execute and close.
	cfg.InterpolateParams = true
	cfg.ParseTime = true
	cfg.MultiStatements = false
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("mapping: open mysql store: %w", err)
	}
	db := sql.OpenDB(connector)
	poolDefaults(db)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("mapping: open mysql store: %w", err)
	}
	return newSQLStore(ctx, db, mysqlDialect, opts)
}

// redactMySQL keeps a DSN parse error's message (which does not quote the
// DSN) but never more than a line.
func redactMySQL(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func poolDefaults(db *sql.DB) {
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
}
