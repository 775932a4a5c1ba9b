package woocommerce

import (
	"context"
	"fmt"
)

// DataResource is one entry of GET /data: continents, countries or
// currencies.
type DataResource struct {
	Slug        string `json:"slug"`
	Description string `json:"description"`
	Links       Links  `json:"_links,omitzero"`
}

// Continent is a continent with its countries (GET /data/continents/{code}).
type Continent struct {
	// Code is AF, AN, AS, EU, NA, OC or SA.
	Code      string             `json:"code"`
	Name      string             `json:"name"`
	Countries []ContinentCountry `json:"countries"`
	Links     Links              `json:"_links,omitzero"`
}

// ContinentCountry is a country of a Continent, with its locale where the
// store knows it (the locale fields are absent otherwise).
type ContinentCountry struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// CurrencyCode is the ISO 4217 code of the country's currency.
	CurrencyCode string `json:"currency_code,omitzero"`
	// CurrencyPos is left, right, left_space or right_space.
	CurrencyPos   string `json:"currency_pos,omitzero"`
	DecimalSep    string `json:"decimal_sep,omitzero"`
	DimensionUnit string `json:"dimension_unit,omitzero"`
	// NumDecimals is invalid when the store has no locale for the country.
	NumDecimals NullInt `json:"num_decimals,omitzero"`
	ThousandSep string  `json:"thousand_sep,omitzero"`
	WeightUnit  string  `json:"weight_unit,omitzero"`
	States      []State `json:"states"`
}

// Country is a country with its states (GET /data/countries/{code}).
type Country struct {
	Code   string  `json:"code"`
	Name   string  `json:"name"`
	States []State `json:"states"`
	Links  Links   `json:"_links,omitzero"`
}

// State is a state, province or region of a country.
type State struct {
	// Code is FlexString because PHP turns numeric state codes into
	// integer array keys, which can reach the JSON as numbers.
	Code FlexString `json:"code"`
	Name string     `json:"name"`
}

// Currency is a currency (GET /data/currencies/{code}).
type Currency struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Symbol is HTML, often an entity such as "&#36;" or "&euro;".
	Symbol string `json:"symbol"`
	Links  Links  `json:"_links,omitzero"`
}

// DataService reads reference data: GET /data, /data/continents(/{code}),
// /data/countries(/{code}), /data/currencies(/{code}, /current). None of
// the lists is paginated.
type DataService struct{ c *Client }

// List returns the data resources the store offers.
func (s *DataService) List(ctx context.Context) ([]DataResource, error) {
	return getList[DataResource](ctx, s.c, "list data resources", "data")
}

// Continents returns every continent with its countries.
func (s *DataService) Continents(ctx context.Context) ([]Continent, error) {
	return getList[Continent](ctx, s.c, "list continents", "data/continents")
}

// Continent returns the continent with code ("EU").
func (s *DataService) Continent(ctx context.Context, code string) (*Continent, error) {
	op := fmt.Sprintf("get continent %q", code)
	seg, err := pathSegment(op, "code", code)
	if err != nil {
		return nil, err
	}
	return get[Continent](ctx, s.c, op, "data/continents/"+seg, nil)
}

// Countries returns every country with its states.
func (s *DataService) Countries(ctx context.Context) ([]Country, error) {
	return getList[Country](ctx, s.c, "list countries", "data/countries")
}

// Country returns the country with code ("FR").
func (s *DataService) Country(ctx context.Context, code string) (*Country, error) {
	op := fmt.Sprintf("get country %q", code)
	seg, err := pathSegment(op, "code", code)
	if err != nil {
		return nil, err
	}
	return get[Country](ctx, s.c, op, "data/countries/"+seg, nil)
}

// Currencies returns every currency.
func (s *DataService) Currencies(ctx context.Context) ([]Currency, error) {
	return getList[Currency](ctx, s.c, "list currencies", "data/currencies")
}

// Currency returns the currency with code ("EUR").
func (s *DataService) Currency(ctx context.Context, code string) (*Currency, error) {
	op := fmt.Sprintf("get currency %q", code)
	seg, err := pathSegment(op, "code", code)
	if err != nil {
		return nil, err
	}
	return get[Currency](ctx, s.c, op, "data/currencies/"+seg, nil)
}

// CurrentCurrency returns the store's currency.
func (s *DataService) CurrentCurrency(ctx context.Context) (*Currency, error) {
	return get[Currency](ctx, s.c, "get current currency", "data/currencies/current", nil)
}
