package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/woonexo/woonexo/mapping"
	"github.com/woonexo/woonexo/nexopos"
	"github.com/woonexo/woonexo/syncer"
)

// webhookPath is where the bridge receives WooCommerce webhooks.
const webhookPath = "/webhooks/woocommerce"

// config is everything the bridge needs, gathered from flags, the
// environment and secret files by parseConfig.
type config struct {
	StoreURL       string // WooCommerce home URL
	ConsumerKey    string
	ConsumerSecret string // secret
	NexoURL        string
	NexoToken      string // secret
	NexoVersion    nexopos.Version
	NexoRateEvery  time.Duration // minimum spacing of NexoPOS requests; 0: unlimited
	NexoBurst      int
	HTTPTimeout    time.Duration
	WebhookSecret  string // secret
	StoreDSN       string // may hold a database password: never logged
	Listen         string
	// DeliveryURL is where WooCommerce delivers webhooks (the public URL
	// plus webhookPath); empty: EnsureWebhooks does not run.
	DeliveryURL string
	CheckSource bool // refuse deliveries from another store (X-WC-Webhook-Source)

	Sync            syncer.Config
	Poll            time.Duration
	Reconcile       time.Duration // 0: no scheduled reconcile
	Workers         int
	StuckAfter      int // /healthz counts pending events claimed this many times, and failed ones
	ShutdownTimeout time.Duration
	LogLevel        slog.Level
}

// secretFlags are flags a user might try for a secret, with where the
// secret goes instead. They are refused: other users of the machine can
// read a command line, and shells keep it in their history.
var secretFlags = map[string]string{
	"consumer-secret": "WOONEXO_CONSUMER_SECRET or -consumer-secret-file",
	"nexopos-token":   "WOONEXO_NEXOPOS_TOKEN or -nexopos-token-file",
	"token":           "WOONEXO_NEXOPOS_TOKEN or -nexopos-token-file",
	"webhook-secret":  "WOONEXO_WEBHOOK_SECRET or -webhook-secret-file",
	"secret":          "WOONEXO_CONSUMER_SECRET, WOONEXO_WEBHOOK_SECRET or their -...-file flags",
}

// envFlags registers flags whose default comes from an environment
// variable, and reports bad values with both names.
type envFlags struct {
	*flag.FlagSet
	getenv func(string) string
	envOf  map[string]string
	errs   []error
}

func (f *envFlags) str(name, env, def, usage string) *string {
	v := f.getenv(env)
	if v == "" {
		v = def
	}
	f.envOf[name] = env
	return f.String(name, v, usage+" (env "+env+")")
}

// hidden is str for a flag whose value may hold a secret: -h shows its
// default (read from env) as shown makes it, never as it is. The value the
// flag holds is unchanged.
func (f *envFlags) hidden(name, env, def, usage string, shown func(string) string) *string {
	p := f.str(name, env, def, usage)
	fl := f.Lookup(name)
	fl.DefValue = shown(fl.DefValue)
	return p
}

// source names a setting for error messages: "-unit (WOONEXO_UNIT_ID)".
func (f *envFlags) source(name string) string {
	if env := f.envOf[name]; env != "" {
		return "-" + name + " (" + env + ")"
	}
	return "-" + name
}

func (f *envFlags) fail(name, format string, args ...any) {
	f.errs = append(f.errs, fmt.Errorf("%s: %s", f.source(name), fmt.Sprintf(format, args...)))
}

func (f *envFlags) id(name, s string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		f.fail(name, "%q is not a NexoPOS id (a whole number >= 0)", s)
	}
	return n
}

func (f *envFlags) count(name, s string, min int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < min {
		f.fail(name, "%q is not a whole number >= %d", s, min)
	}
	return n
}

func (f *envFlags) duration(name, s string, zeroOK bool) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d == 0 && !zeroOK {
		want := "a positive duration such as 30s or 5m"
		if zeroOK {
			want = "a duration >= 0 such as 30s, 1h or 0"
		}
		f.fail(name, "%q is not %s", s, want)
	}
	return d
}

// secret reads a secret from the file named by the -name-file flag, or
// from env.
func (f *envFlags) secret(fileFlag, file, env string) string {
	if file == "" {
		return strings.TrimSpace(f.getenv(env))
	}
	b, err := os.ReadFile(file)
	if err != nil {
		f.errs = append(f.errs, fmt.Errorf("-%s: %w", fileFlag, err))
		return ""
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		f.errs = append(f.errs, fmt.Errorf("-%s: %s is empty", fileFlag, file))
	}
	return s
}

// parseConfig reads the configuration from args, then the environment,
// then defaults. Every problem is reported at once. -h prints the usage to
// usage and returns flag.ErrHelp.
func parseConfig(args []string, getenv func(string) string, usage io.Writer) (config, error) {
	for _, a := range args {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue // a flag's value
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if hint, ok := secretFlags[name]; ok {
			// The value is not repeated: it is a secret.
			return config{}, fmt.Errorf("-%s: secrets are not read from flags (other users can see a command line); use %s", name, hint)
		}
	}

	fs := flag.NewFlagSet("bridge", flag.ContinueOnError)
	fs.SetOutput(usage)
	f := &envFlags{FlagSet: fs, getenv: getenv, envOf: map[string]string{}}

	storeURL := f.hidden("store-url", "WOONEXO_STORE_URL", "", "WooCommerce home URL, e.g. https://shop.example.com", redactURL)
	key := f.hidden("consumer-key", "WOONEXO_CONSUMER_KEY", "", "WooCommerce REST API consumer key (ck_...)", redactAll)
	secretFile := fs.String("consumer-secret-file", "", "file holding the WooCommerce consumer secret (default: env WOONEXO_CONSUMER_SECRET)")
	nexoURL := f.hidden("nexopos-url", "WOONEXO_NEXOPOS_URL", "", "NexoPOS URL, e.g. https://pos.example.com", redactURL)
	tokenFile := fs.String("nexopos-token-file", "", "file holding the NexoPOS API token (default: env WOONEXO_NEXOPOS_TOKEN)")
	version := f.str("nexopos-version", "WOONEXO_NEXOPOS_VERSION", "6", "NexoPOS release line: 4, 5 or 6")
	rateEvery := f.str("nexopos-rate", "WOONEXO_NEXOPOS_RATE", "750ms", "minimum time between NexoPOS requests, 0 for no limit")
	burst := f.str("nexopos-burst", "WOONEXO_NEXOPOS_BURST", "5", "NexoPOS requests allowed in a burst")
	httpTimeout := f.str("http-timeout", "WOONEXO_HTTP_TIMEOUT", "30s", "timeout of one request to either API")
	hookFile := fs.String("webhook-secret-file", "", "file holding the WooCommerce webhook secret (default: env WOONEXO_WEBHOOK_SECRET)")
	dsn := f.hidden("store", "WOONEXO_STORE_DSN", "sqlite:woonexo.db", "mapping store: sqlite:path.db, sqlite:///abs/path.db, postgres://..., mysql://... or memory:; one with a password only from the environment or -store-file", redactDSN)
	dsnFile := fs.String("store-file", "", "file holding the mapping store URL (for one with a password)")
	listen := f.str("listen", "WOONEXO_LISTEN", ":8080", "address the HTTP server listens on")
	public := f.hidden("public-url", "WOONEXO_PUBLIC_URL", "", "public URL of this bridge as WooCommerce reaches it; when set, the store's webhooks are created or repaired at start to deliver to <public-url>"+webhookPath, redactURL)
	checkSource := f.str("check-source", "WOONEXO_CHECK_SOURCE", "true", "refuse webhook deliveries whose X-WC-Webhook-Source is another store")

	category := f.str("default-category", "WOONEXO_DEFAULT_CATEGORY_ID", "", "NexoPOS category id of products whose category is not linked")
	unitGroup := f.str("unit-group", "WOONEXO_UNIT_GROUP_ID", "", "NexoPOS unit group id of new products (required to send products)")
	unit := f.str("unit", "WOONEXO_UNIT_ID", "", "NexoPOS unit id that mirrors WooCommerce stock and price (required to send products)")
	taxGroup := f.str("tax-group", "WOONEXO_TAX_GROUP_ID", "", "NexoPOS tax group id of new products (empty: none)")
	customerGroup := f.str("customer-group", "WOONEXO_CUSTOMER_GROUP_ID", "", "NexoPOS customer group id of new customers (required to send customers or orders; checked at start)")
	walkIn := f.str("walk-in-customer", "WOONEXO_WALK_IN_CUSTOMER_ID", "", "NexoPOS customer id of guest web orders (required to send orders)")
	orderType := f.str("order-type", "WOONEXO_ORDER_TYPE", "delivery", "NexoPOS order type of web orders")
	payments := f.str("payment-map", "WOONEXO_PAYMENT_MAP", "", "WooCommerce payment method to NexoPOS payment type, e.g. cod=cash-payment,bacs=bank-payment")
	fallback := f.str("fallback-payment", "WOONEXO_FALLBACK_PAYMENT", "", "NexoPOS payment type of web orders whose method is not mapped (empty: record them as skips)")
	shipID := f.str("shipping-method-id", "WOONEXO_SHIPPING_METHOD_ID", "", "WooCommerce shipping method id of orders sent from NexoPOS, e.g. local_pickup")
	shipTitle := f.str("shipping-method-title", "WOONEXO_SHIPPING_METHOD_TITLE", "", "title of that shipping line")
	ownContent := f.str("own-content", "WOONEXO_OWN_CONTENT", "both", "whose changes to name, description, SKU, category and status travel: both, woocommerce or nexopos")
	ownPrice := f.str("own-price", "WOONEXO_OWN_PRICE", "both", "whose price changes travel: both, woocommerce or nexopos")
	ownStock := f.str("own-stock", "WOONEXO_OWN_STOCK", "both", "whose stock changes travel: both, woocommerce or nexopos")
	toWoo := f.str("to-woo", "WOONEXO_TO_WOO", "all", "what is sent to WooCommerce: all, none, or a list of categories,products,customers,orders,stock")
	toNexo := f.str("to-nexo", "WOONEXO_TO_NEXO", "all", "what is sent to NexoPOS: all, none, or a list of categories,products,customers,orders,stock")
	onDelete := f.str("on-delete", "WOONEXO_ON_DELETE", "", "what a confirmed delete does on the other side, per kind, e.g. product=trash,customer=unlink (unlink, trash or delete; default unlink)")

	poll := f.str("poll", "WOONEXO_POLL_INTERVAL", "30s", "how often NexoPOS is polled for changes")
	reconcile := f.str("reconcile", "WOONEXO_RECONCILE_INTERVAL", "1h", "how often a full reconcile runs (one runs at start), 0 for never")
	workers := f.str("workers", "WOONEXO_WORKERS", "2", "webhook events applied at once")
	stuckAfter := f.str("stuck-after", "WOONEXO_STUCK_AFTER", "3", "/healthz counts as stuck the failed events and those tried this many times")
	shutdown := f.str("shutdown-timeout", "WOONEXO_SHUTDOWN_TIMEOUT", "30s", "how long a shutdown waits for requests and syncs in flight")
	logLevel := f.str("log-level", "WOONEXO_LOG_LEVEL", "info", "debug, info, warn or error")

	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected argument %q: the bridge takes flags only", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })

	c := config{
		StoreURL: strings.TrimSpace(*storeURL), ConsumerKey: strings.TrimSpace(*key),
		NexoURL: strings.TrimSpace(*nexoURL), Listen: *listen,
		ConsumerSecret: f.secret("consumer-secret-file", *secretFile, "WOONEXO_CONSUMER_SECRET"),
		NexoToken:      f.secret("nexopos-token-file", *tokenFile, "WOONEXO_NEXOPOS_TOKEN"),
		WebhookSecret:  f.secret("webhook-secret-file", *hookFile, "WOONEXO_WEBHOOK_SECRET"),
	}
	for _, m := range []struct{ what, value, hint string }{
		{"store URL", c.StoreURL, "-store-url or WOONEXO_STORE_URL"},
		{"consumer key", c.ConsumerKey, "-consumer-key or WOONEXO_CONSUMER_KEY"},
		{"consumer secret", c.ConsumerSecret, "WOONEXO_CONSUMER_SECRET or -consumer-secret-file"},
		{"NexoPOS URL", c.NexoURL, "-nexopos-url or WOONEXO_NEXOPOS_URL"},
		{"NexoPOS token", c.NexoToken, "WOONEXO_NEXOPOS_TOKEN or -nexopos-token-file"},
		{"webhook secret", c.WebhookSecret, "WOONEXO_WEBHOOK_SECRET or -webhook-secret-file"},
	} {
		if m.value == "" {
			f.errs = append(f.errs, fmt.Errorf("missing %s: set %s", m.what, m.hint))
		}
	}

	for _, u := range []struct{ name, value string }{{"store-url", c.StoreURL}, {"nexopos-url", c.NexoURL}} {
		if u.value != "" && !plainURL(u.value) {
			f.fail(u.name, "want an absolute http(s) URL without credentials, query or fragment (the value is not repeated: it may hold a password)")
		}
	}
	switch v := strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(*version), ".x"), "v"); v {
	case "4", "5", "6":
		n, _ := strconv.Atoi(v)
		c.NexoVersion = nexopos.Version(n)
	default:
		f.fail("nexopos-version", "%q is not 4, 5 or 6", *version)
	}
	c.NexoRateEvery = f.duration("nexopos-rate", *rateEvery, true)
	c.NexoBurst = f.count("nexopos-burst", *burst, 1)
	c.HTTPTimeout = f.duration("http-timeout", *httpTimeout, false)

	switch {
	case set["store"] && *dsnFile != "":
		f.errs = append(f.errs, errors.New("-store and -store-file: give one, not both"))
	case *dsnFile != "":
		c.StoreDSN = f.secret("store-file", *dsnFile, "")
	case set["store"] && dsnHasPassword(*dsn):
		f.errs = append(f.errs, errors.New("-store: a store URL with a password is not read from a flag (other users can see a command line); use WOONEXO_STORE_DSN or -store-file"))
	default:
		c.StoreDSN = strings.TrimSpace(*dsn)
	}

	if p := strings.TrimSpace(*public); p != "" {
		if u, err := url.Parse(p); err != nil || !plainURL(p) {
			f.fail("public-url", "want an absolute http(s) URL without credentials, query or fragment (the value is not repeated: it may hold a password)")
		} else {
			if !strings.HasSuffix(u.Path, webhookPath) {
				u.Path = strings.TrimRight(u.Path, "/") + webhookPath
			}
			c.DeliveryURL = u.String()
		}
	}
	var err error
	if c.CheckSource, err = strconv.ParseBool(*checkSource); err != nil {
		f.fail("check-source", "%q is not true or false", *checkSource)
	}

	d := syncer.Defaults{
		CategoryID: f.id("default-category", *category), UnitGroupID: f.id("unit-group", *unitGroup), UnitID: f.id("unit", *unit),
		TaxGroupID: f.id("tax-group", *taxGroup), CustomerGroupID: f.id("customer-group", *customerGroup),
		WalkInCustomerID: f.id("walk-in-customer", *walkIn), OrderType: strings.TrimSpace(*orderType),
	}
	c.Sync = syncer.DefaultConfig(d)
	c.Sync.PaymentMap = parsePairs(f, "payment-map", *payments, func(k, v string) bool { return true })
	c.Sync.FallbackPayment = strings.TrimSpace(*fallback)
	c.Sync.ShippingMethodID, c.Sync.ShippingMethodTitle = strings.TrimSpace(*shipID), strings.TrimSpace(*shipTitle)
	if c.Sync.ShippingMethodID != "" && c.Sync.ShippingMethodTitle == "" {
		c.Sync.ShippingMethodTitle = c.Sync.ShippingMethodID
	}
	c.Sync.Ownership = syncer.Ownership{
		Content: owner(f, "own-content", *ownContent), Price: owner(f, "own-price", *ownPrice), Stock: owner(f, "own-stock", *ownStock),
	}
	c.Sync.ToWoo, c.Sync.ToNexo = directions(f, "to-woo", *toWoo), directions(f, "to-nexo", *toNexo)
	kinds := []string{string(mapping.KindCategory), string(mapping.KindProduct), string(mapping.KindVariation), string(mapping.KindCustomer), string(mapping.KindOrder)}
	policies := []string{string(syncer.DeleteUnlink), string(syncer.DeleteTrash), string(syncer.DeleteDelete)}
	c.Sync.OnDelete = map[mapping.Kind]syncer.DeletePolicy{}
	for k, v := range parsePairs(f, "on-delete", *onDelete, func(k, v string) bool { return slices.Contains(kinds, k) && slices.Contains(policies, v) }) {
		c.Sync.OnDelete[mapping.Kind(k)] = syncer.DeletePolicy(v)
	}
	if c.Sync.ToNexo.Products && (d.UnitGroupID == 0 || d.UnitID == 0) {
		f.errs = append(f.errs, errors.New("missing NexoPOS unit: set -unit-group and -unit (WOONEXO_UNIT_GROUP_ID, WOONEXO_UNIT_ID) to send products to NexoPOS, or leave products out of -to-nexo"))
	}
	if c.Sync.ToNexo.Orders && d.WalkInCustomerID == 0 {
		f.errs = append(f.errs, errors.New("missing walk-in customer: set -walk-in-customer (WOONEXO_WALK_IN_CUSTOMER_ID) to send guest web orders to NexoPOS, or leave orders out of -to-nexo"))
	}

	c.Poll = f.duration("poll", *poll, false)
	c.Reconcile = f.duration("reconcile", *reconcile, true)
	c.Workers = f.count("workers", *workers, 1)
	c.StuckAfter = f.count("stuck-after", *stuckAfter, 1)
	c.ShutdownTimeout = f.duration("shutdown-timeout", *shutdown, false)
	if err := c.LogLevel.UnmarshalText([]byte(*logLevel)); err != nil {
		f.fail("log-level", "%q is not debug, info, warn or error", *logLevel)
	}
	if len(f.errs) == 0 {
		if err := c.Sync.Validate(); err != nil {
			f.errs = append(f.errs, err)
		}
	}
	if len(f.errs) > 0 {
		return config{}, fmt.Errorf("configuration: %w", errors.Join(f.errs...))
	}
	return c, nil
}

// plainURL reports whether s is an absolute http(s) URL with no
// credentials, query or fragment, so that it can be logged.
func plainURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil && u.RawQuery == "" && u.Fragment == ""
}

// parsePairs parses "a=x,b=y" into a map; ok says whether a pair is allowed.
func parsePairs(f *envFlags, name, s string, ok func(k, v string) bool) map[string]string {
	out := map[string]string{}
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		k, v, found := strings.Cut(item, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch _, dup := out[k]; {
		case !found || k == "" || v == "":
			f.fail(name, "%q is not key=value", item)
		case dup:
			f.fail(name, "%q is given twice", k)
		case !ok(k, v):
			f.fail(name, "%q is not allowed", item)
		default:
			out[k] = v
		}
	}
	return out
}

func owner(f *envFlags, name, s string) syncer.Owner {
	switch o := syncer.Owner(strings.ToLower(strings.TrimSpace(s))); o {
	case syncer.OwnerBoth, syncer.OwnerWoo, syncer.OwnerNexo:
		return o
	}
	f.fail(name, "%q is not both, woocommerce or nexopos", s)
	return syncer.OwnerBoth
}

func directions(f *envFlags, name, s string) syncer.Direction {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "all":
		return syncer.AllDirections
	case "none", "":
		return syncer.Direction{}
	}
	var d syncer.Direction
	for item := range strings.SplitSeq(s, ",") {
		switch strings.ToLower(strings.TrimSpace(item)) {
		case "categories":
			d.Categories = true
		case "products":
			d.Products = true
		case "customers":
			d.Customers = true
		case "orders":
			d.Orders = true
		case "stock":
			d.Stock = true
		default:
			f.fail(name, "%q is not categories, products, customers, orders or stock", item)
		}
	}
	return d
}

// dsnHasPassword reports whether a mapping store URL carries a password:
// postgres://user:pass@host/db, mysql://user:pass@tcp(host)/db, or a
// password query parameter.
func dsnHasPassword(dsn string) bool {
	_, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return false
	}
	rest, query, _ := strings.Cut(rest, "?")
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if _, pass, ok := strings.Cut(rest[:at], ":"); ok && pass != "" {
			return true
		}
	}
	q, _ := url.ParseQuery(query)
	return q.Get("password") != ""
}

// hiddenValue stands for a secret in -h output.
const hiddenValue = "xxxxx"

// secretAssignment is name=value where the name says the value is a
// secret: a DSN's query parameter (password=...) or a key=value DSN
// (host=db password=...).
var secretAssignment = regexp.MustCompile(`(?i)([a-z0-9_.-]*(?:pass|pwd|secret|token|key|sig|auth)[a-z0-9_.-]*\s*=\s*)('[^']*'|[^\s&;]+)`)

// redactDSN returns a mapping store DSN as -h may show it: the password of
// its user info replaced, in URL form (postgres://user:pass@host/db) or in
// MySQL form (mysql://user:pass@tcp(host:3306)/db, where the password may
// hold "@" or "/"), and the values of secret-named parameters replaced. It
// works on the text, not on a parse, so a DSN that does not parse is
// redacted too.
func redactDSN(dsn string) string {
	prefix, rest := "", dsn
	if i := strings.Index(dsn, "://"); i >= 0 {
		prefix, rest = dsn[:i+3], dsn[i+3:]
	}
	// The last "@" ends the user info: a MySQL password is not escaped.
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		if c := strings.Index(rest[:at], ":"); c >= 0 {
			rest = rest[:c+1] + hiddenValue + rest[at:]
		}
	}
	return secretAssignment.ReplaceAllString(prefix+rest, "${1}"+hiddenValue)
}

// redactURL returns a URL as -h may show it: without user info, with the
// values of secret-named query parameters replaced. These URLs must carry
// no credentials (parseConfig refuses them), so none are shown; one that
// does not parse is not shown at all.
func redactURL(s string) string {
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return hiddenValue + " (not a valid URL)"
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = secretAssignment.ReplaceAllString(u.RawQuery, "${1}"+hiddenValue)
	return u.String()
}

// redactAll shows that a secret is set, not what it is.
func redactAll(s string) string {
	if s == "" {
		return ""
	}
	return hiddenValue
}

// storeBackend names the kind of mapping store without its address, which
// may hold a password.
func storeBackend(dsn string) string {
	scheme, _, _ := strings.Cut(dsn, ":")
	return strings.ToLower(scheme)
}
