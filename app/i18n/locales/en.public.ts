// Public (delegate-facing) pages' messages. Same keys in zh and ja.
const pub = {
  eyebrow: 'Programme for delegates',
  programme: 'Programme',
  programmeSoon: 'The programme will be published here soon.',
  about: 'About the event',
  address: 'Address',
  timeZoneNote: 'All times are {{zoneName}} ({{timeZone}}, {{offset}}).',
  addAllToCalendar: 'Add all sessions to my calendar',
  calendarHint: 'An .ics file for Apple Calendar, Google Calendar or Outlook.',
  addToCalendar: 'Add to calendar',
  calendar: {
    field: '{{label}}: {{value}}',
    list: ', ',
    location: '{{room}}, {{venue}}',
    localTime: '{{time}} ({{zoneName}})',
    details: 'Programme and updates: {{url}}',
  },
  contact: { title: 'Contact the organizer', name: 'Contact', phone: 'Phone', email: 'Email', wechat: 'WeChat' },
}

export default pub
