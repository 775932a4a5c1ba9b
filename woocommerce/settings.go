package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// SettingGroup is a group of settings (GET /settings): general, products,
// tax, shipping, checkout, account, email, integration, advanced, a payment
// gateway's group ("wc_payment_gateway_bacs"), email templates, ...
type SettingGroup struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Description string `json:"description"`
	// ParentID is the id of the parent group, "" for a top-level group.
	ParentID  string     `json:"parent_id"`
	SubGroups StringList `json:"sub_groups"`
	Links     Links      `json:"_links,omitzero"`
}

// Setting is one option of a settings group
// (GET /settings/{group}/{id}); payment gateways and shipping zone methods
// describe their own settings the same way.
//
// Value and Default are raw JSON: most options are strings ("EUR", "yes"),
// but a multiselect holds a list, an image_width option an object, and
// plugins store anything. Use ValueString, ValueStrings, Checked or
// DecodeValue to read them.
type Setting struct {
	ID string `json:"id"`
	// GroupID is set when a single option is fetched or updated, not in
	// lists.
	GroupID     string `json:"group_id,omitzero"`
	Label       string `json:"label"`
	Description string `json:"description"`
	// Type is text, email, number, color, password, textarea, select,
	// multiselect, radio, image_width, checkbox, thumbnail_cropping, ...
	Type    string          `json:"type"`
	Default json.RawMessage `json:"default,omitzero"`
	Value   json.RawMessage `json:"value,omitzero"`
	// Tip is help text shown beside the field.
	Tip         FlexString `json:"tip,omitzero"`
	Placeholder FlexString `json:"placeholder,omitzero"`
	// Options are the choices of a select, multiselect or radio setting
	// as the store sends them: an object of value to label, an object of
	// groups of those (a gateway's shipping methods), or a list when PHP
	// numbered the choices. Choices reads any of them.
	Options json.RawMessage `json:"options,omitzero"`
	Links   Links           `json:"_links,omitzero"`
}

// ValueString returns the value if it is a JSON string, the JSON text of any
// other value ("42", "[\"US\"]"), or "" for null or no value.
func (s Setting) ValueString() string { return rawString(s.Value) }

// ValueStrings returns a multiselect's values. A single string is returned
// as a one-element list and an empty value as nil.
func (s Setting) ValueStrings() ([]string, error) {
	v := bytes.TrimSpace(s.Value)
	if len(v) == 0 || bytes.Equal(v, []byte("null")) || bytes.Equal(v, []byte(`""`)) {
		return nil, nil
	}
	if v[0] != '[' && v[0] != '{' {
		str, err := flexString(v)
		if err != nil {
			return nil, fmt.Errorf("setting %q: %w", s.ID, err)
		}
		return []string{str}, nil
	}
	var l StringList
	if err := json.Unmarshal(v, &l); err != nil {
		return nil, fmt.Errorf("setting %q: %w", s.ID, err)
	}
	return l, nil
}

// Checked reports whether a checkbox setting is on: WooCommerce stores
// checkboxes as "yes" and "no".
func (s Setting) Checked() bool {
	switch s.ValueString() {
	case "yes", "1", "true":
		return true
	}
	return false
}

// Choices returns the setting's options as value to label, with grouped
// options flattened; nil when the setting has none.
func (s Setting) Choices() (map[string]string, error) {
	out := map[string]string{}
	if err := flattenChoices(s.Options, out); err != nil {
		return nil, fmt.Errorf("setting %q: options: %w", s.ID, err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func flattenChoices(raw json.RawMessage, out map[string]string) error {
	m, err := decodePHPMap[json.RawMessage](raw)
	if err != nil {
		return err
	}
	for k, v := range m {
		if t := bytes.TrimSpace(v); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			if err := flattenChoices(t, out); err != nil {
				return err
			}
			continue
		}
		label, err := flexString(v)
		if err != nil {
			return err
		}
		out[k] = label
	}
	return nil
}

// DecodeValue decodes the value into v.
func (s Setting) DecodeValue(v any) error {
	if len(bytes.TrimSpace(s.Value)) == 0 {
		return fmt.Errorf("setting %q: no value", s.ID)
	}
	if err := json.Unmarshal(s.Value, v); err != nil {
		return fmt.Errorf("setting %q: %w", s.ID, err)
	}
	return nil
}

// rawString returns a JSON string's value, or the JSON text of anything
// else; "" for null or nothing.
func rawString(raw json.RawMessage) string {
	v := bytes.TrimSpace(raw)
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return ""
	}
	if v[0] == '"' {
		var str string
		if json.Unmarshal(v, &str) == nil {
			return str
		}
	}
	return string(v)
}

// SettingMap holds settings by id, as payment gateways and shipping zone
// methods send them. PHP sends an empty map as [], which decodes to an
// empty SettingMap.
type SettingMap map[string]Setting

// UnmarshalJSON accepts an object, [] and null.
func (m *SettingMap) UnmarshalJSON(b []byte) error {
	v, err := decodePHPMap[Setting](b)
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	*m = v
	return nil
}

// SettingRequest sets the value of an option. Build it with SettingString,
// SettingCheckbox or SettingValue.
type SettingRequest struct {
	// Value is the new value as JSON: a string for most types, a list of
	// strings for a multiselect.
	Value json.RawMessage `json:"value"`
}

// SettingString returns a request setting a string value.
func SettingString(v string) SettingRequest {
	b, _ := json.Marshal(v) // a string always encodes
	return SettingRequest{Value: b}
}

// SettingCheckbox returns a request setting a checkbox: "yes" or "no", as
// WooCommerce stores them.
func SettingCheckbox(on bool) SettingRequest {
	if on {
		return SettingString("yes")
	}
	return SettingString("no")
}

// SettingValue returns a request setting v encoded as JSON ([]string for a
// multiselect, say). It fails only for values encoding/json cannot encode.
func SettingValue(v any) (SettingRequest, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return SettingRequest{}, fmt.Errorf("setting value: %w", err)
	}
	return SettingRequest{Value: b}, nil
}

// SettingUpdate is one update of a settings batch: the option's id and its
// new value.
type SettingUpdate struct {
	ID string `json:"id"`
	SettingRequest
}

// SettingsBatchResult is the outcome of a settings batch, item by item in
// the order of the request. The store answers 200 even when items fail.
type SettingsBatchResult struct {
	Update []SettingBatchItem
}

// SettingBatchItem is the outcome of one settings update.
type SettingBatchItem struct {
	// ID is the option's id.
	ID string
	// Item is the option after the update; nil when Err is set.
	Item *Setting
	// Err is the item's error (rest_setting_setting_invalid for an unknown
	// option, rest_setting_value_invalid for a bad value); nil on success.
	Err *APIError
}

// Failed returns the number of updates that failed.
func (r *SettingsBatchResult) Failed() int {
	n := 0
	for _, it := range r.Update {
		if it.Err != nil {
			n++
		}
	}
	return n
}

// Err joins the errors of the failed updates, each prefixed with its place
// and id, or returns nil when every update succeeded.
func (r *SettingsBatchResult) Err() error {
	var errs []error
	for i, it := range r.Update {
		if it.Err != nil {
			errs = append(errs, fmt.Errorf("update[%d] id %q: %w", i, it.ID, it.Err))
		}
	}
	return errors.Join(errs...)
}

// SettingsService reads and changes the store's settings: GET /settings,
// GET /settings/{group}, GET/PUT /settings/{group}/{id} and
// POST /settings/{group}/batch.
type SettingsService struct{ c *Client }

// Groups returns every settings group. The list is not paginated.
func (s *SettingsService) Groups(ctx context.Context) ([]SettingGroup, error) {
	out, err := get[[]SettingGroup](ctx, s.c, "list setting groups", "settings", nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// List returns every option of group. The list is not paginated.
func (s *SettingsService) List(ctx context.Context, group string) ([]Setting, error) {
	op := fmt.Sprintf("list settings of group %q", group)
	g, err := pathSegment(op, "group", group)
	if err != nil {
		return nil, err
	}
	out, err := get[[]Setting](ctx, s.c, op, "settings/"+g, nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// settingPath checks group and id and returns settings/{group}/{id}.
func settingPath(op, group, id string) (string, error) {
	g, err := pathSegment(op, "group", group)
	if err != nil {
		return "", err
	}
	o, err := pathSegment(op, "setting id", id)
	if err != nil {
		return "", err
	}
	return "settings/" + g + "/" + o, nil
}

// Get returns option id of group, such as ("general",
// "woocommerce_currency").
func (s *SettingsService) Get(ctx context.Context, group, id string) (*Setting, error) {
	op := fmt.Sprintf("get setting %q of group %q", id, group)
	p, err := settingPath(op, group, id)
	if err != nil {
		return nil, err
	}
	return get[Setting](ctx, s.c, op, p, nil)
}

// Update sets the value of option id of group and returns the option.
func (s *SettingsService) Update(ctx context.Context, group, id string, req SettingRequest) (*Setting, error) {
	op := fmt.Sprintf("update setting %q of group %q", id, group)
	p, err := settingPath(op, group, id)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(req.Value)) == 0 {
		return nil, fmt.Errorf("woocommerce: %s: no value (use SettingString or SettingValue)", op)
	}
	return update[Setting](ctx, s.c, op, p, req)
}

// Batch updates several options of group. Updates beyond the client's batch
// limit are sent in further calls; the result keeps the order of updates.
// Setting an option is idempotent, so the calls are retried like a PUT.
func (s *SettingsService) Batch(ctx context.Context, group string, updates []SettingUpdate) (*SettingsBatchResult, error) {
	op := fmt.Sprintf("batch settings of group %q", group)
	g, err := pathSegment(op, "group", group)
	if err != nil {
		return nil, err
	}
	for i, u := range updates {
		if u.ID == "" {
			return nil, fmt.Errorf("woocommerce: %s: update[%d] has no id", op, i)
		}
		if len(bytes.TrimSpace(u.Value)) == 0 {
			return nil, fmt.Errorf("woocommerce: %s: update[%d] id %q has no value", op, i, u.ID)
		}
	}
	res := &SettingsBatchResult{}
	limit := max(s.c.batchLimit, 1)
	calls := (len(updates) + limit - 1) / limit
	for n, start := 1, 0; start < len(updates); n, start = n+1, start+limit {
		chunk := updates[start:min(start+limit, len(updates))]
		callOp := op
		if calls > 1 {
			callOp = fmt.Sprintf("%s (call %d of %d, items %d-%d of %d)", op, n, calls, start+1, start+len(chunk), len(updates))
		}
		var w struct {
			Update []json.RawMessage `json:"update"`
		}
		body := struct {
			Update []SettingUpdate `json:"update"`
		}{chunk}
		if _, err := s.c.send(ctx, call{op: callOp, method: http.MethodPost, path: "settings/" + g + "/batch", body: body, retrySafe: true}, &w); err != nil {
			return res, err
		}
		for i, raw := range w.Update {
			it, err := decodeSettingBatchItem(raw)
			if err != nil {
				return res, fmt.Errorf("woocommerce: %s: decode batch item %d: %w", callOp, i, err)
			}
			res.Update = append(res.Update, it)
		}
	}
	return res, nil
}

func decodeSettingBatchItem(raw json.RawMessage) (SettingBatchItem, error) {
	var e struct {
		ID    FlexString `json:"id"`
		Error *wpError   `json:"error"`
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		return SettingBatchItem{}, err
	}
	if e.Error != nil {
		ae := e.Error.apiError(0)
		if ae.StatusCode == 0 {
			ae.StatusCode = http.StatusInternalServerError
		}
		ae.Body = append([]byte(nil), raw...)
		if len(ae.Body) > maxErrorBody {
			ae.Body = ae.Body[:maxErrorBody]
		}
		return SettingBatchItem{ID: string(e.ID), Err: ae}, nil
	}
	item := new(Setting)
	if err := json.Unmarshal(raw, item); err != nil {
		return SettingBatchItem{}, err
	}
	return SettingBatchItem{ID: item.ID, Item: item}, nil
}
