package mapping

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"
)

// dialect holds everything that differs between the SQL databases; the
// store's code is otherwise shared.
type dialect struct {
	name string // also the folder of its migrations

	// dollar placeholders ($1, $2, ...) instead of '?'.
	dollar bool
	// lockSkipLocked is appended to the SELECT that picks the next inbox
	// event inside the claim transaction ("" where the database serialises
	// writers anyway).
	lockSkipLocked string
	// claimReturning: ClaimNext is one UPDATE ... RETURNING statement; when
	// false it is a transaction with a locking SELECT.
	claimReturning bool
	// onConflictDoNothing: inserts can ignore unique violations with
	// "ON CONFLICT DO NOTHING"; when false a duplicate-key error is detected.
	onConflictDoNothing bool
	// prepare: keep prepared statements (SQLite parses every query
	// otherwise; pgx caches statements itself; MySQL interpolates).
	prepare bool
	// migrateInTx: DDL is transactional, so a migration and its version row
	// commit together.
	migrateInTx bool
	// lockMigrations serialises migrations between processes. It runs on
	// the transaction (migrateInTx) or on a dedicated connection, and returns
	// the function that releases the lock.
	lockMigrations func(ctx context.Context, q querier, prefix string) (unlock func(), err error)
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var (
	sqliteDialect = &dialect{
		name:                "sqlite",
		prepare:             true,
		claimReturning:      true,
		onConflictDoNothing: true,
		migrateInTx:         true,
		// Transactions begin IMMEDIATE (see OpenSQLite): the migration
		// transaction already holds the database's write lock.
		lockMigrations: func(context.Context, querier, string) (func(), error) { return func() {}, nil },
	}
	postgresDialect = &dialect{
		name:                "postgres",
		dollar:              true,
		lockSkipLocked:      " FOR UPDATE SKIP LOCKED",
		claimReturning:      true,
		onConflictDoNothing: true,
		migrateInTx:         true,
		lockMigrations: func(ctx context.Context, q querier, prefix string) (func(), error) {
			// Released when the migration transaction ends.
			_, err := q.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.' || $1))", prefix+"woonexo_mapping_schema")
			return func() {}, err
		},
	}
	mysqlDialect = &dialect{
		name:           "mysql",
		lockSkipLocked: " FOR UPDATE SKIP LOCKED",
		lockMigrations: func(ctx context.Context, q querier, prefix string) (func(), error) {
			// MySQL DDL commits implicitly, so a named lock (held by the
			// connection) serialises migrators instead of a transaction.
			const name = "CONCAT('woonexo:', SHA1(CONCAT(DATABASE(), '.', ?)))"
			var got sql.NullInt64
			if err := q.QueryRowContext(ctx, "SELECT GET_LOCK("+name+", 60)", prefix).Scan(&got); err != nil {
				return nil, err
			}
			if got.Int64 != 1 {
				return nil, errors.New("timed out waiting for the migration lock held by another process")
			}
			return func() {
				_, _ = q.ExecContext(context.Background(), "SELECT RELEASE_LOCK("+name+")", prefix)
			}, nil
		},
	}
)

// rebind turns '?' placeholders into the dialect's. The queries of this
// package contain no '?' other than placeholders.
func (d *dialect) rebind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// upsert builds an insert that updates the given columns when a row with the
// same key exists.
func (d *dialect) upsert(table string, cols, key, update []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "))
	sets := make([]string, len(update))
	if d.onConflictDoNothing { // PostgreSQL and SQLite share ON CONFLICT
		for i, c := range update {
			sets[i] = c + " = excluded." + c
		}
		fmt.Fprintf(&b, " ON CONFLICT (%s) DO UPDATE SET %s", strings.Join(key, ", "), strings.Join(sets, ", "))
		return b.String()
	}
	for i, c := range update {
		sets[i] = c + " = VALUES(" + c + ")"
	}
	fmt.Fprintf(&b, " ON DUPLICATE KEY UPDATE %s", strings.Join(sets, ", "))
	return b.String()
}

// insertIgnoring returns the insert statement q made to skip rows that would
// break a unique constraint, where the dialect can say so in SQL.
func (d *dialect) insertIgnoring(q string) string {
	if d.onConflictDoNothing {
		return q + " ON CONFLICT DO NOTHING"
	}
	return q
}

// isDuplicate reports whether err is a unique violation that insertIgnoring
// could not express in SQL.
func (d *dialect) isDuplicate(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && me.Number == 1062 // ER_DUP_ENTRY
}
