// The package ships no types: it exports one function from a year to named holiday dates.
declare module '@socialgouv/jours-feries' {
  /**
   * French public holidays of `year`, keyed by French name.
   * Dates are built with `new Date(year, month, day)`, i.e. at local midnight of the running process.
   */
  function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export = joursFeries;
}
