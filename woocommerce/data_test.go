package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDataDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "data-index.json"), &raws))
	r := assertRoundTrip[DataResource](t, raws[0])
	assert.Equal(t, "continents", r.Slug)

	eu := assertRoundTrip[Continent](t, jsonFixture(t, "data-continent.json"))
	assert.Equal(t, "EU", eu.Code)
	require.Len(t, eu.Countries, 4)
	ad := eu.Countries[0]
	assert.Equal(t, "EUR", ad.CurrencyCode)
	assert.Equal(t, Int(2), ad.NumDecimals)
	assert.NotNil(t, ad.States)
	ax := eu.Countries[1]
	assert.Equal(t, "Åland Islands", ax.Name)
	assert.False(t, ax.NumDecimals.Valid, "no locale: no num_decimals")
	assert.Equal(t, "", ax.CurrencyCode)
	assert.Equal(t, State{Code: "BG-01", Name: "Blagoevgrad"}, eu.Countries[2].States[0])
	xx := eu.Countries[3]
	assert.Equal(t, Int(0), xx.NumDecimals, "0 decimals is kept apart from none")
	assert.Equal(t, FlexString("1"), xx.States[0].Code, "numeric state code")

	pt := assertRoundTrip[Country](t, jsonFixture(t, "data-country.json"))
	assert.Equal(t, "Portugal", pt.Name)
	assert.Empty(t, pt.States)

	cur := assertRoundTrip[Currency](t, jsonFixture(t, "data-currency.json"))
	assert.Equal(t, Currency{Code: "EUR", Name: "Euro", Symbol: "&euro;", Links: cur.Links}, cur)
}

func TestDataOperations(t *testing.T) {
	t.Parallel()
	continent := jsonFixture(t, "data-continent.json")
	country := jsonFixture(t, "data-country.json")
	currency := jsonFixture(t, "data-currency.json")
	list := func(b []byte) []byte { return []byte("[" + string(b) + "]") }
	runOps(t, []opCase{
		{name: "index", method: http.MethodGet, path: "data", respond: jsonFixture(t, "data-index.json"),
			call: func(ctx context.Context, c *Client) error {
				rs, err := c.Data.List(ctx)
				if err == nil {
					assert.Len(t, rs, 3)
				}
				return err
			}},
		{name: "continents", method: http.MethodGet, path: "data/continents", respond: list(continent),
			call: func(ctx context.Context, c *Client) error {
				cs, err := c.Data.Continents(ctx)
				if err == nil {
					assert.Len(t, cs, 1)
				}
				return err
			}},
		{name: "continent", method: http.MethodGet, path: "data/continents/EU", respond: continent,
			call: func(ctx context.Context, c *Client) error { _, err := c.Data.Continent(ctx, "EU"); return err }},
		{name: "countries", method: http.MethodGet, path: "data/countries", respond: list(country),
			call: func(ctx context.Context, c *Client) error { _, err := c.Data.Countries(ctx); return err }},
		{name: "country", method: http.MethodGet, path: "data/countries/PT", respond: country,
			call: func(ctx context.Context, c *Client) error {
				co, err := c.Data.Country(ctx, "PT")
				if err == nil {
					assert.Equal(t, "PT", co.Code)
				}
				return err
			}},
		{name: "currencies", method: http.MethodGet, path: "data/currencies", respond: list(currency),
			call: func(ctx context.Context, c *Client) error { _, err := c.Data.Currencies(ctx); return err }},
		{name: "currency", method: http.MethodGet, path: "data/currencies/EUR", respond: currency,
			call: func(ctx context.Context, c *Client) error { _, err := c.Data.Currency(ctx, "EUR"); return err }},
		{name: "current currency", method: http.MethodGet, path: "data/currencies/current", respond: currency,
			call: func(ctx context.Context, c *Client) error {
				cur, err := c.Data.CurrentCurrency(ctx)
				if err == nil {
					assert.Equal(t, "EUR", cur.Code)
				}
				return err
			}},
	})
}
