package wootest

import (
	"net/http"
	"net/http/httptest"
)

// Server is a [Store] listening on a loopback port, like
// [httptest.Server].
type Server struct {
	// URL is the store's home URL, "http://127.0.0.1:port" (https for
	// NewTLSServer), without a trailing slash. The API is under
	// URL + "/wp-json/wc/v3/".
	URL string
	// Store is the store behind the server, for direct access.
	Store *Store
	// ConsumerKey and ConsumerSecret are a read_write key pair the store
	// accepts ([DefaultConsumerKey], [DefaultConsumerSecret]).
	ConsumerKey    string
	ConsumerSecret string

	srv *httptest.Server
}

// NewServer starts a plain HTTP store. Over plain HTTP the store accepts
// only OAuth 1.0a signatures, as WooCommerce does.
func NewServer(opts ...Option) *Server { return start(false, opts) }

// NewTLSServer starts an HTTPS store, which also accepts HTTP Basic and
// query-string keys. Use [Server.Client] to reach it.
func NewTLSServer(opts ...Option) *Server { return start(true, opts) }

func start(tls bool, opts []Option) *Server {
	st := NewStore(opts...)
	srv := &Server{Store: st, ConsumerKey: DefaultConsumerKey, ConsumerSecret: DefaultConsumerSecret}
	if tls {
		srv.srv = httptest.NewTLSServer(st)
	} else {
		srv.srv = httptest.NewServer(st)
	}
	srv.URL = srv.srv.URL
	if !st.cfg.urlSet {
		st.mu.Lock()
		st.cfg.url = srv.URL
		st.mu.Unlock()
	}
	return srv
}

// Client returns an HTTP client for the server (one that trusts its TLS
// certificate for NewTLSServer).
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close waits for queued webhook deliveries, then shuts the server down.
func (s *Server) Close() {
	s.Store.Close()
	s.srv.Close()
}
