package wootest

import (
	"fmt"
	"strings"
)

// apiError is a WordPress REST error: {"code", "message", "data": {"status", ...}}.
type apiError struct {
	Status  int
	Code    string
	Message string
	Data    omap // extra members of data, after status
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func (e *apiError) data() omap {
	d := omap{{"status", e.Status}}
	return append(d, e.Data...)
}

func (e *apiError) json() omap {
	return omap{{"code", e.Code}, {"message", e.Message}, {"data", e.data()}}
}

func (e *apiError) response() *response {
	return &response{status: e.Status, body: e.json()}
}

func newErr(status int, code, msg string) *apiError {
	return &apiError{Status: status, Code: code, Message: msg}
}

var errNoRoute = newErr(404, "rest_no_route", "No route was found matching the URL and request method.")

// invalidID is woocommerce_rest_{type}_invalid_id "Invalid ID.".
func invalidID(postType string, status int) *apiError {
	return newErr(status, "woocommerce_rest_"+postType+"_invalid_id", "Invalid ID.")
}

// permission kinds of a route handler.
type permKind int

const (
	permList permKind = iota
	permView
	permCreate
	permEdit
	permDelete
	permBatch
)

// permError is the permission callback's answer to a request without a
// usable key (rest_authorization_required_code() is 401 when nobody is
// logged in).
func permError(p permKind) *apiError {
	switch p {
	case permView:
		return newErr(401, "woocommerce_rest_cannot_view", "Sorry, you cannot view this resource.")
	case permCreate:
		return newErr(401, "woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources.")
	case permEdit:
		return newErr(401, "woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource.")
	case permDelete:
		return newErr(401, "woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource.")
	case permBatch:
		return newErr(401, "woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.")
	default:
		return newErr(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
	}
}

// paramError is one failed parameter of rest_invalid_param.
type paramError struct {
	param string
	code  string
	msg   string
	data  any // nil encodes as null
}

// invalidParams builds WordPress' rest_invalid_param error.
func invalidParams(errs []paramError) *apiError {
	names := make([]string, 0, len(errs))
	params := omap{}
	details := omap{}
	for _, e := range errs {
		names = append(names, e.param)
		params = append(params, kv{e.param, e.msg})
		details = append(details, kv{e.param, omap{{"code", e.code}, {"message", e.msg}, {"data", e.data}}})
	}
	return &apiError{Status: 400, Code: "rest_invalid_param",
		Message: "Invalid parameter(s): " + strings.Join(names, ", "),
		Data:    omap{{"params", params}, {"details", details}}}
}

// missingParams builds rest_missing_callback_param.
func missingParams(names []string) *apiError {
	return &apiError{Status: 400, Code: "rest_missing_callback_param",
		Message: "Missing parameter(s): " + strings.Join(names, ", "),
		Data:    omap{{"params", names}}}
}

func typeError(param, typ string) paramError {
	return paramError{param: param, code: "rest_invalid_type",
		msg: fmt.Sprintf("%s is not of type %s.", param, typ), data: omap{{"param", param}}}
}

func enumError(param string, values []string) paramError {
	return paramError{param: param, code: "rest_not_in_enum",
		msg: fmt.Sprintf("%s is not one of %s.", param, phpList(values))}
}

// phpList joins values as WordPress' wp_sprintf %l does: "a, b, and c".
func phpList(values []string) string {
	switch len(values) {
	case 0:
		return ""
	case 1:
		return values[0]
	case 2:
		return values[0] + " and " + values[1]
	}
	return strings.Join(values[:len(values)-1], ", ") + ", and " + values[len(values)-1]
}
