import { useTranslation } from 'react-i18next'
import { CAPABILITIES, CAPABILITY_LIST, ROLE_LIST } from '../../auth/permissions'

/** What each role may do, read from the very table the checks use (app/auth/permissions.ts). */
export function PermissionsTable() {
  const { t } = useTranslation()
  return (
    <div className="table-scroll">
      <table className="data-table permissions-table">
        <caption>{t('team.whatRolesMay')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('team.capability')}</th>
            {ROLE_LIST.map((role) => (
              <th scope="col" key={role}>
                {t(`team.roles.${role}.name`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CAPABILITY_LIST.map((capability) => (
            <tr key={capability} data-capability={capability}>
              <th scope="row">{t(`team.capabilities.${capability}`)}</th>
              {ROLE_LIST.map((role) => {
                const allowed = CAPABILITIES[role].includes(capability)
                return (
                  <td key={role} data-allowed={allowed}>
                    <span aria-hidden="true">{allowed ? '✓' : '—'}</span>
                    <span className="visually-hidden">{allowed ? t('team.allowed') : t('team.notAllowed')}</span>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
