// Package wire holds the value types that the woocommerce and nexopos packages
// share on the wire: an exact decimal for money and quantities, and a
// timestamp that decodes every date format the two servers really send.
//
// Both API packages re-export these types under their own names
// (woocommerce.Decimal, nexopos.Decimal, ...) so that a value read from one
// side can be written to the other without conversion.
package wire
