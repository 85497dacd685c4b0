// Organizer pages' messages (event setup, sessions, timetable). Same keys in zh and ja.
const organizer = {
  placeholder: 'Organizer pages',
}

export default organizer
