// TODO(issue 6): messages for projects.
const projects = {
  title: 'projects',
}

export default projects
