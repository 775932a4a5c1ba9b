package woocommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettingGroupDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "setting-groups.json"), &raws))
	require.Len(t, raws, 3)
	g := assertRoundTrip[SettingGroup](t, raws[1])
	assert.Equal(t, "products", g.ID)
	assert.Equal(t, StringList{"inventory", "downloadable"}, g.SubGroups)
	e := assertRoundTrip[SettingGroup](t, raws[2])
	assert.Equal(t, "email", e.ParentID)
}

func TestSettingDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "settings-general.json"), &raws))
	require.Len(t, raws, 6)
	byID := map[string]Setting{}
	for _, raw := range raws {
		s := assertRoundTrip[Setting](t, raw)
		byID[s.ID] = s
	}

	addr := byID["woocommerce_store_address"]
	assert.Equal(t, "Rua Augusta 1", addr.ValueString())
	assert.Equal(t, FlexString("The street address for your business location."), addr.Tip)

	multi := byID["woocommerce_specific_allowed_countries"]
	vals, err := multi.ValueStrings()
	require.NoError(t, err)
	assert.Equal(t, []string{"PT", "ES"}, vals)
	assert.Equal(t, `["PT","ES"]`, multi.ValueString())

	cur := byID["woocommerce_currency"]
	assert.Equal(t, "EUR", cur.ValueString())
	assert.Equal(t, "USD", rawString(cur.Default))
	choices, err := cur.Choices()
	require.NoError(t, err)
	assert.Equal(t, "Euro (&euro;)", choices["EUR"])
	one, err := cur.ValueStrings()
	require.NoError(t, err)
	assert.Equal(t, []string{"EUR"}, one)

	assert.True(t, byID["woocommerce_calc_taxes"].Checked())
	assert.False(t, byID["woocommerce_currency"].Checked())

	var n string
	require.NoError(t, byID["woocommerce_price_num_decimals"].DecodeValue(&n))
	assert.Equal(t, "2", n)

	// PHP numbered the choices: a list; a numeric placeholder; a null value.
	disp := byID["woocommerce_shop_page_display"]
	choices, err = disp.Choices()
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"0": "Show products", "1": "Show categories"}, choices)
	assert.Equal(t, FlexString("0"), disp.Placeholder)
	assert.Equal(t, "", disp.ValueString())
	none, err := disp.ValueStrings()
	require.NoError(t, err)
	assert.Nil(t, none)

	g := assertRoundTrip[Setting](t, jsonFixture(t, "setting-get.json"))
	assert.Equal(t, "general", g.GroupID)
}

func TestSettingRequestEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		req  SettingRequest
		want string
	}{
		{"string", SettingString("EUR"), `{"value":"EUR"}`},
		{"checkbox on", SettingCheckbox(true), `{"value":"yes"}`},
		{"checkbox off", SettingCheckbox(false), `{"value":"no"}`},
		{"empty string is sent", SettingString(""), `{"value":""}`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.req)
		require.NoError(t, err)
		assert.JSONEq(t, tc.want, string(b), tc.name)
	}
	multi, err := SettingValue([]string{"PT", "ES"})
	require.NoError(t, err)
	b, err := json.Marshal(SettingUpdate{ID: "woocommerce_specific_allowed_countries", SettingRequest: multi})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"woocommerce_specific_allowed_countries","value":["PT","ES"]}`, string(b))
	_, err = SettingValue(func() {})
	assert.Error(t, err)
}

func TestSettingOperations(t *testing.T) {
	t.Parallel()
	setting := jsonFixture(t, "setting-get.json")
	runOps(t, []opCase{
		{name: "groups", method: http.MethodGet, path: "settings", respond: jsonFixture(t, "setting-groups.json"),
			call: func(ctx context.Context, c *Client) error {
				gs, err := c.Settings.Groups(ctx)
				if err == nil {
					assert.Len(t, gs, 3)
				}
				return err
			}},
		{name: "list", method: http.MethodGet, path: "settings/general", respond: jsonFixture(t, "settings-general.json"),
			call: func(ctx context.Context, c *Client) error {
				ss, err := c.Settings.List(ctx, "general")
				if err == nil {
					assert.Len(t, ss, 6)
				}
				return err
			}},
		{name: "get", method: http.MethodGet, path: "settings/general/woocommerce_currency", respond: setting,
			call: func(ctx context.Context, c *Client) error {
				s, err := c.Settings.Get(ctx, "general", "woocommerce_currency")
				if err == nil {
					assert.Equal(t, "EUR", s.ValueString())
				}
				return err
			}},
		{name: "update", method: http.MethodPut, path: "settings/general/woocommerce_currency", respond: setting, body: `{"value":"EUR"}`,
			call: func(ctx context.Context, c *Client) error {
				_, err := c.Settings.Update(ctx, "general", "woocommerce_currency", SettingString("EUR"))
				return err
			}},
		{name: "batch", method: http.MethodPost, path: "settings/general/batch", respond: jsonFixture(t, "settings-batch.json"),
			body: `{"update":[{"id":"woocommerce_currency","value":"EUR"},{"id":"woocommerce_nope","value":"x"}]}`,
			call: func(ctx context.Context, c *Client) error {
				res, err := c.Settings.Batch(ctx, "general", []SettingUpdate{
					{ID: "woocommerce_currency", SettingRequest: SettingString("EUR")},
					{ID: "woocommerce_nope", SettingRequest: SettingString("x")},
				})
				if err != nil {
					return err
				}
				require.Len(t, res.Update, 2)
				require.NotNil(t, res.Update[0].Item)
				assert.Equal(t, "woocommerce_currency", res.Update[0].ID)
				assert.Equal(t, "EUR", res.Update[0].Item.ValueString())
				assert.Equal(t, "woocommerce_nope", res.Update[1].ID)
				require.NotNil(t, res.Update[1].Err)
				assert.Equal(t, "rest_setting_setting_invalid", res.Update[1].Err.Code)
				assert.True(t, errors.Is(res.Err(), ErrNotFound))
				assert.Contains(t, res.Err().Error(), `update[1] id "woocommerce_nope"`)
				assert.Equal(t, 1, res.Failed())
				return nil
			}},
	})
}

func TestSettingsBatchSplitsAtTheLimit(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		var body struct {
			Update []struct{ ID string } `json:"update"`
		}
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &body)
		var items []string
		for _, u := range body.Update {
			items = append(items, fmt.Sprintf(`{"id":%q,"type":"text","value":"v"}`, u.ID))
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"update":[%s]}`, strings.Join(items, ","))
	})
	c := rec.client(t, WithBatchLimit(2))
	var ups []SettingUpdate
	for i := range 5 {
		ups = append(ups, SettingUpdate{ID: fmt.Sprintf("opt_%d", i), SettingRequest: SettingString("v")})
	}
	res, err := c.Settings.Batch(context.Background(), "general", ups)
	require.NoError(t, err)
	require.Len(t, res.Update, 5)
	for i, it := range res.Update {
		assert.Equal(t, fmt.Sprintf("opt_%d", i), it.ID)
	}
	assert.Len(t, rec.requests(), 3)
	for _, r := range rec.requests() {
		assert.Equal(t, "/wp-json/wc/v3/settings/general/batch", r.Path)
	}

	_, err = c.Settings.Batch(context.Background(), "general", []SettingUpdate{{ID: "x"}})
	require.ErrorContains(t, err, `update[0] id "x" has no value`)
	_, err = c.Settings.Update(context.Background(), "general", "x", SettingRequest{})
	require.ErrorContains(t, err, "no value")
	assert.Len(t, rec.requests(), 3, "invalid input sends nothing")
}
