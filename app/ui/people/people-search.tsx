/**
 * The organizers' search forms over people (the directory, inviting from it, an event's
 * invitations and registrations): a GET form of filters, then search and clear. Each filter is a
 * field whose id is its query parameter.
 */

import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link } from 'react-router'
import { ChoiceFilter } from '../primitives/choice-filter'

/** The form around `children` (its filters), labelled `label`; clear goes back to `clearTo`. */
export function PeopleSearchForm({
  label,
  clearTo,
  submitLabel,
  clearLabel,
  className,
  children,
}: {
  label: string
  clearTo: string
  submitLabel?: string
  clearLabel?: string
  className?: string
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <Form
      method="get"
      className={`card people-search${className ? ` ${className}` : ''}`}
      role="search"
      aria-label={label}
    >
      {children}
      <p className="people-search-actions">
        <button type="submit" className="button">
          {submitLabel ?? t('people.search.submit')}
        </button>{' '}
        <Link to={clearTo}>{clearLabel ?? t('people.search.clear')}</Link>
      </p>
    </Form>
  )
}

/** The text searched for (`q`). */
export function SearchTextFilter({ label, value }: { label: string; value: string }) {
  return (
    <div className="field">
      <label htmlFor="q">{label}</label>
      <input id="q" name="q" type="search" defaultValue={value} maxLength={200} />
    </div>
  )
}

/** The country of the person's organization (ISO-2, among `countries`) and whether they are a VIP. */
export function CountryVipFilters({
  countries,
  country,
  vip,
}: {
  countries: readonly string[]
  country: string
  vip: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <ChoiceFilter
        name="country"
        label={t('people.search.country')}
        anyLabel={t('people.search.anyCountry')}
        value={country}
        options={countries.map((c) => ({ value: c, label: c }))}
      />
      <ChoiceFilter
        name="vip"
        label={t('people.search.vip')}
        anyLabel={t('people.search.anyVip')}
        value={vip}
        options={[
          { value: 'yes', label: t('people.search.vipOnly') },
          { value: 'no', label: t('people.search.notVip') },
        ]}
      />
    </>
  )
}

/** The directory's search: text, country and VIP. */
export function DirectorySearchForm({
  filter,
  countries,
  clearTo,
}: {
  filter: { q: string; country: string; vip: string }
  countries: readonly string[]
  clearTo: string
}) {
  const { t } = useTranslation()
  return (
    <PeopleSearchForm label={t('people.search.legend')} clearTo={clearTo}>
      <SearchTextFilter label={t('people.search.q')} value={filter.q} />
      <CountryVipFilters countries={countries} country={filter.country} vip={filter.vip} />
    </PeopleSearchForm>
  )
}
