package woocommerce

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSystemStatusDecode(t *testing.T) {
	t.Parallel()
	s := assertRoundTrip[SystemStatus](t, jsonFixture(t, "system-status.json"))
	env := s.Environment
	assert.Equal(t, "10.0.2", env.Version)
	assert.Equal(t, FlexInt(268435456), env.WPMemoryLimit)
	require.NotNil(t, env.RemotePostSuccessful)
	assert.False(t, *env.RemotePostSuccessful)
	assert.Equal(t, FlexString("cURL error 6: Could not resolve host: www.paypal.com"), env.RemotePostResponse)
	assert.Equal(t, FlexString("200"), env.RemoteGetResponse, "an HTTP status sent as a number")

	assert.Equal(t, "wp_", s.Database.DatabasePrefix)
	assert.True(t, s.Database.DatabaseSize.Data.Equal(MustDecimal("0.11")), "a number")
	assert.True(t, s.Database.DatabaseSize.Index.Equal(MustDecimal("0.08")), "a string")
	assert.Contains(t, string(s.Database.DatabaseTables), `"wp_woocommerce_log":false`)

	require.Len(t, s.ActivePlugins, 1)
	assert.Equal(t, "woocommerce/woocommerce.php", s.ActivePlugins[0].Plugin)
	assert.Equal(t, FlexString(""), s.ActivePlugins[0].NetworkActivated, "false")
	require.Len(t, s.DropinsMUPlugins.Dropins, 1)
	assert.Empty(t, s.DropinsMUPlugins.MUPlugins)

	assert.Equal(t, "Twenty Twenty-Five", s.Theme.Name)
	require.Len(t, s.Theme.Overrides, 1)
	assert.Equal(t, FlexString("10.0.0"), s.Theme.Overrides[0].CoreVersion)

	assert.Equal(t, "EUR", s.Settings.Currency)
	assert.Equal(t, FlexInt(2), s.Settings.NumberOfDecimals)
	assert.Equal(t, "variable", s.Settings.Taxonomies["variable"])
	assert.True(t, s.Security.HideErrors)

	require.Len(t, s.Pages, 2)
	assert.Equal(t, FlexString("5"), s.Pages[0].PageID)
	assert.Equal(t, FlexString(""), s.Pages[1].PageID, "page_id false when unset")
	require.Len(t, s.PostTypeCounts, 3)
	assert.Equal(t, PostTypeCount{Type: "product", Count: 4}, s.PostTypeCounts[1], `count "4" as a string`)
}

func TestSystemStatusToolDecode(t *testing.T) {
	t.Parallel()
	var raws []json.RawMessage
	require.NoError(t, json.Unmarshal(jsonFixture(t, "system-status-tools.json"), &raws))
	tool := assertRoundTrip[SystemStatusTool](t, raws[0])
	assert.Equal(t, "clear_transients", tool.ID)
	assert.False(t, tool.Success)
	run := assertRoundTrip[SystemStatusTool](t, jsonFixture(t, "system-status-tool-run.json"))
	assert.True(t, run.Success)
	assert.Equal(t, "Product transients cleared", run.Message)
}

func TestSystemStatusOperations(t *testing.T) {
	t.Parallel()
	runOps(t, []opCase{
		{name: "get", method: http.MethodGet, path: "system_status", respond: jsonFixture(t, "system-status.json"),
			call: func(ctx context.Context, c *Client) error {
				s, err := c.SystemStatus.Get(ctx)
				if err == nil {
					assert.Equal(t, "10.0.2", s.Environment.Version)
				}
				return err
			}},
		{name: "list tools", method: http.MethodGet, path: "system_status/tools", respond: jsonFixture(t, "system-status-tools.json"),
			call: func(ctx context.Context, c *Client) error {
				ts, err := c.SystemStatus.ListTools(ctx)
				if err == nil {
					assert.Len(t, ts, 2)
				}
				return err
			}},
		{name: "get tool", method: http.MethodGet, path: "system_status/tools/clear_transients", respond: jsonFixture(t, "system-status-tool-run.json"),
			call: func(ctx context.Context, c *Client) error {
				_, err := c.SystemStatus.GetTool(ctx, "clear_transients")
				return err
			}},
		{name: "run tool is a PUT", method: http.MethodPut, path: "system_status/tools/clear_transients", body: `{}`,
			respond: jsonFixture(t, "system-status-tool-run.json"),
			call: func(ctx context.Context, c *Client) error {
				tool, err := c.SystemStatus.RunTool(ctx, "clear_transients")
				if err == nil {
					assert.True(t, tool.Success)
				}
				return err
			}},
		{name: "run tool error names the tool", method: http.MethodPut, path: "system_status/tools/nope", body: `{}`, respCode: http.StatusNotFound,
			respond: []byte(`{"code":"woocommerce_rest_system_status_tool_invalid_id","message":"Invalid tool ID.","data":{"status":404}}`),
			call:    func(ctx context.Context, c *Client) error { _, err := c.SystemStatus.RunTool(ctx, "nope"); return err },
			checkResp: func(t *testing.T, err error) {
				require.ErrorIs(t, err, ErrNotFound)
				assert.Contains(t, err.Error(), `woocommerce: run system status tool "nope": HTTP 404 woocommerce_rest_system_status_tool_invalid_id`)
			}},
	})
}
