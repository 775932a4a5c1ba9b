package woocommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// SystemStatus is the store's system report (GET /system_status), the data
// behind WooCommerce > Status. Sections a store adds beyond these (newer
// versions and plugins add some) can be read with Client.Do.
type SystemStatus struct {
	Environment      SystemEnvironment `json:"environment"`
	Database         SystemDatabase    `json:"database"`
	ActivePlugins    []SystemPlugin    `json:"active_plugins"`
	InactivePlugins  []SystemPlugin    `json:"inactive_plugins"`
	DropinsMUPlugins SystemDropins     `json:"dropins_mu_plugins"`
	Theme            SystemTheme       `json:"theme"`
	Settings         SystemSettings    `json:"settings"`
	Security         SystemSecurity    `json:"security"`
	Pages            []SystemPage      `json:"pages"`
	PostTypeCounts   []PostTypeCount   `json:"post_type_counts"`
}

// SystemEnvironment is the environment section of the system status. Sizes
// are in bytes.
type SystemEnvironment struct {
	HomeURL                string  `json:"home_url"`
	SiteURL                string  `json:"site_url"`
	Version                string  `json:"version"`
	LogDirectory           string  `json:"log_directory"`
	LogDirectoryWritable   bool    `json:"log_directory_writable"`
	WPVersion              string  `json:"wp_version"`
	WPMultisite            bool    `json:"wp_multisite"`
	WPMemoryLimit          FlexInt `json:"wp_memory_limit"`
	WPDebugMode            bool    `json:"wp_debug_mode"`
	WPCron                 bool    `json:"wp_cron"`
	Language               string  `json:"language"`
	ExternalObjectCache    bool    `json:"external_object_cache"`
	ServerInfo             string  `json:"server_info"`
	PHPVersion             string  `json:"php_version"`
	PHPPostMaxSize         FlexInt `json:"php_post_max_size"`
	PHPMaxExecutionTime    FlexInt `json:"php_max_execution_time"`
	PHPMaxInputVars        FlexInt `json:"php_max_input_vars"`
	CurlVersion            string  `json:"curl_version"`
	SuhosinInstalled       bool    `json:"suhosin_installed"`
	MaxUploadSize          FlexInt `json:"max_upload_size"`
	MySQLVersion           string  `json:"mysql_version"`
	MySQLVersionString     string  `json:"mysql_version_string"`
	DefaultTimezone        string  `json:"default_timezone"`
	FsockopenOrCurlEnabled bool    `json:"fsockopen_or_curl_enabled"`
	SoapClientEnabled      bool    `json:"soapclient_enabled"`
	DOMDocumentEnabled     bool    `json:"domdocument_enabled"`
	GzipEnabled            bool    `json:"gzip_enabled"`
	MbstringEnabled        bool    `json:"mbstring_enabled"`
	// RemotePostSuccessful and RemoteGetSuccessful are nil when the check
	// was not run.
	RemotePostSuccessful *bool `json:"remote_post_successful"`
	// RemotePostResponse is the HTTP status the check got ("200"), or its
	// error message.
	RemotePostResponse  FlexString `json:"remote_post_response"`
	RemoteGetSuccessful *bool      `json:"remote_get_successful"`
	RemoteGetResponse   FlexString `json:"remote_get_response"`
}

// SystemDatabase is the database section of the system status.
type SystemDatabase struct {
	WCDatabaseVersion    string `json:"wc_database_version"`
	DatabasePrefix       string `json:"database_prefix"`
	MaxmindGeoIPDatabase string `json:"maxmind_geoip_database"`
	// DatabaseTables is {"woocommerce": {table: info}, "other": {...}},
	// where a missing WooCommerce table is false and info is {"data",
	// "index", "engine"}; kept as JSON.
	DatabaseTables json.RawMessage `json:"database_tables,omitzero"`
	// DatabaseSize is the size of the tables in MB.
	DatabaseSize SystemDatabaseSize `json:"database_size"`
}

// SystemDatabaseSize is the size of the database in MB.
type SystemDatabaseSize struct {
	Data  Decimal `json:"data"`
	Index Decimal `json:"index"`
}

// SystemPlugin is an installed plugin.
type SystemPlugin struct {
	// Plugin is the plugin file, such as "woocommerce/woocommerce.php".
	Plugin        string `json:"plugin"`
	Name          string `json:"name"`
	Version       string `json:"version"`
	VersionLatest string `json:"version_latest"`
	URL           string `json:"url"`
	AuthorName    string `json:"author_name"`
	AuthorURL     string `json:"author_url"`
	// NetworkActivated is FlexString because WordPress keeps the plugin
	// header's value, a boolean or a string.
	NetworkActivated FlexString `json:"network_activated"`
}

// SystemDropins lists drop-ins and must-use plugins.
type SystemDropins struct {
	Dropins   []SystemDropin `json:"dropins"`
	MUPlugins []SystemPlugin `json:"mu_plugins"`
}

// SystemDropin is a drop-in plugin file (object-cache.php, ...).
type SystemDropin struct {
	Plugin string `json:"plugin"`
	Name   string `json:"name"`
}

// SystemTheme is the theme section of the system status.
type SystemTheme struct {
	Name                  string             `json:"name"`
	Version               string             `json:"version"`
	VersionLatest         FlexString         `json:"version_latest"`
	AuthorURL             string             `json:"author_url"`
	IsChildTheme          bool               `json:"is_child_theme"`
	HasWooCommerceSupport bool               `json:"has_woocommerce_support"`
	HasWooCommerceFile    bool               `json:"has_woocommerce_file"`
	HasOutdatedTemplates  bool               `json:"has_outdated_templates"`
	Overrides             []TemplateOverride `json:"overrides"`
	ParentName            string             `json:"parent_name"`
	ParentVersion         string             `json:"parent_version"`
	ParentVersionLatest   FlexString         `json:"parent_version_latest"`
	ParentAuthorURL       string             `json:"parent_author_url"`
}

// TemplateOverride is a WooCommerce template the theme overrides.
type TemplateOverride struct {
	File        string     `json:"file"`
	Version     FlexString `json:"version"`
	CoreVersion FlexString `json:"core_version"`
}

// SystemSettings is the settings section of the system status.
type SystemSettings struct {
	APIEnabled         bool    `json:"api_enabled"`
	ForceSSL           bool    `json:"force_ssl"`
	Currency           string  `json:"currency"`
	CurrencySymbol     string  `json:"currency_symbol"`
	CurrencyPosition   string  `json:"currency_position"`
	ThousandSeparator  string  `json:"thousand_separator"`
	DecimalSeparator   string  `json:"decimal_separator"`
	NumberOfDecimals   FlexInt `json:"number_of_decimals"`
	GeolocationEnabled bool    `json:"geolocation_enabled"`
	// Taxonomies maps product type slugs to names.
	Taxonomies StringMap `json:"taxonomies"`
	// ProductVisibilityTerms maps product visibility slugs to names.
	ProductVisibilityTerms  StringMap `json:"product_visibility_terms"`
	WooCommerceComConnected string    `json:"woocommerce_com_connected"`
}

// SystemSecurity is the security section of the system status.
type SystemSecurity struct {
	SecureConnection bool `json:"secure_connection"`
	HideErrors       bool `json:"hide_errors"`
}

// SystemPage is one of the WooCommerce pages (shop, cart, checkout, ...).
type SystemPage struct {
	PageName string `json:"page_name"`
	// PageID is the page's id as the option holds it: "7", or "" (the
	// store sends false) when unset.
	PageID      FlexString `json:"page_id"`
	PageSet     bool       `json:"page_set"`
	PageExists  bool       `json:"page_exists"`
	PageVisible bool       `json:"page_visible"`
	Shortcode   string     `json:"shortcode"`
	// Block, BlockRequired and BlockPresent are sent by newer stores, for
	// pages that hold the cart and checkout blocks.
	Block             string `json:"block,omitzero"`
	ShortcodeRequired bool   `json:"shortcode_required"`
	ShortcodePresent  bool   `json:"shortcode_present"`
	BlockPresent      bool   `json:"block_present,omitzero"`
	BlockRequired     bool   `json:"block_required,omitzero"`
}

// PostTypeCount is the number of posts of one type; the store sends the
// count as a string.
type PostTypeCount struct {
	Type  string  `json:"type"`
	Count FlexInt `json:"count"`
}

// SystemStatusTool is a maintenance tool of WooCommerce > Status > Tools
// (GET /system_status/tools/{id}), such as clear_transients or
// regenerate_product_lookup_tables.
type SystemStatusTool struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Action      string `json:"action"`
	Description string `json:"description"`
	// Success and Message report a run; they are sent only by RunTool.
	Success bool   `json:"success,omitzero"`
	Message string `json:"message,omitzero"`
	Links   Links  `json:"_links,omitzero"`
}

// SystemStatusService reads the system status and runs its tools:
// GET /system_status, GET /system_status/tools,
// GET/PUT /system_status/tools/{id}.
type SystemStatusService struct{ c *Client }

// Get returns the system status. It is slow on large stores: the store
// measures every database table and may call out to test remote requests.
func (s *SystemStatusService) Get(ctx context.Context) (*SystemStatus, error) {
	return get[SystemStatus](ctx, s.c, "get system status", "system_status", nil)
}

// ListTools returns every tool. The list is not paginated.
func (s *SystemStatusService) ListTools(ctx context.Context) ([]SystemStatusTool, error) {
	out, err := get[[]SystemStatusTool](ctx, s.c, "list system status tools", "system_status/tools", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// GetTool returns the tool with id.
func (s *SystemStatusService) GetTool(ctx context.Context, id string) (*SystemStatusTool, error) {
	op := fmt.Sprintf("get system status tool %q", id)
	seg, err := pathSegment(op, "tool id", id)
	if err != nil {
		return nil, err
	}
	return get[SystemStatusTool](ctx, s.c, op, "system_status/tools/"+seg, nil)
}

// RunTool runs the tool with id (PUT /system_status/tools/{id}) and returns
// it with Success and Message. A tool that fails still answers 200: check
// Success. The PUT is retried after a 5xx like any PUT, so run only tools
// that are safe to run twice.
func (s *SystemStatusService) RunTool(ctx context.Context, id string) (*SystemStatusTool, error) {
	op := fmt.Sprintf("run system status tool %q", id)
	seg, err := pathSegment(op, "tool id", id)
	if err != nil {
		return nil, err
	}
	out := new(SystemStatusTool)
	if _, err := s.c.send(ctx, call{op: op, method: http.MethodPut, path: "system_status/tools/" + seg, body: struct{}{}}, out); err != nil {
		return nil, err
	}
	return out, nil
}
