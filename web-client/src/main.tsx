import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles.css';
import './theme.css';
import { I18nProvider } from './i18n';
import { InstanceProvider } from './instance';
import { AuthProvider } from './auth';
import { Layout } from './components/Layout';
import { NoticeProvider } from './components/Notice';
import { Loading, NotFound } from './components/States';
import Home from './pages/Home';

// The home screen comes with the first load; every other screen is fetched when opened.
const Community = lazy(() => import('./pages/Community'));
const Channel = lazy(() => import('./pages/Channel'));
const Post = lazy(() => import('./pages/Post'));
const NewEvent = lazy(() => import('./pages/NewEvent'));
const Register = lazy(() => import('./pages/Register'));
const SignIn = lazy(() => import('./pages/SignIn'));
const VerifyEmail = lazy(() => import('./pages/VerifyEmail'));
const Search = lazy(() => import('./pages/Search'));
const Notifications = lazy(() => import('./pages/Notifications'));
// "Forgot your password?" asks for the address; the mailed link opens the new-password form.
const ForgotPassword = lazy(() => import('./pages/ForgotPassword'));
const NewPassword = lazy(() => import('./pages/NewPassword'));
const Profile = lazy(() => import('./pages/Profile'));
const ModLog = lazy(() => import('./pages/ModLog'));
const ModQueue = lazy(() => import('./pages/ModQueue'));
const ModeratePost = lazy(() => import('./pages/ModeratePost'));
const Admin = lazy(() => import('./pages/Admin'));
const Organizations = lazy(() => import('./pages/Organizations'));
const Organization = lazy(() => import('./pages/Organization'));
const Federation = lazy(() => import('./pages/Federation'));
const Remote = lazy(() => import('./pages/Remote'));
const NewProcess = lazy(() => import('./pages/NewProcess'));
const NewListing = lazy(() => import('./pages/NewListing'));
const Accords = lazy(() => import('./pages/accords/Accords'));
const AccordView = lazy(() => import('./pages/accords/AccordView'));
const NewAccord = lazy(() => import('./pages/accords/NewAccord'));
const Keys = lazy(() => import('./pages/accords/Keys'));
const VerifyBundle = lazy(() => import('./pages/accords/VerifyBundle'));

function App() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/c/:slug" element={<Community />} />
          <Route path="/channels/:id" element={<Channel />} />
          <Route path="/posts/:id" element={<Post />} />
          <Route path="/channels/:id/new-event" element={<NewEvent />} />
          <Route path="/register" element={<Register />} />
          <Route path="/sign-in" element={<SignIn />} />
          <Route path="/verify-email" element={<VerifyEmail />} />
          <Route path="/search" element={<Search />} />
          <Route path="/notifications" element={<Notifications />} />
          <Route path="/password-reset" element={<ForgotPassword />} />
          <Route path="/reset-password" element={<NewPassword />} />
          <Route path="/me" element={<Profile />} />
          <Route path="/c/:slug/modlog" element={<ModLog />} />
          <Route path="/c/:slug/reports" element={<ModQueue />} />
          <Route path="/posts/:id/moderate" element={<ModeratePost />} />
          <Route path="/admin" element={<Admin />} />
          <Route path="/admin/organizations" element={<Organizations />} />
          <Route path="/admin/organizations/:slug" element={<Organization />} />
          <Route path="/admin/federation" element={<Federation />} />
          <Route path="/remote" element={<Remote />} />
          <Route path="/channels/:id/new-process" element={<NewProcess />} />
          <Route path="/channels/:id/new-listing" element={<NewListing />} />
          <Route path="/c/:slug/accords" element={<Accords />} />
          <Route path="/c/:slug/accords/new" element={<NewAccord />} />
          <Route path="/accords/verify" element={<VerifyBundle />} />
          <Route path="/accords/:id" element={<AccordView />} />
          <Route path="/me/keys" element={<Keys />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <InstanceProvider>
        <I18nProvider>
          <BrowserRouter>
            <AuthProvider>
              <NoticeProvider>
                <App />
              </NoticeProvider>
            </AuthProvider>
          </BrowserRouter>
        </I18nProvider>
      </InstanceProvider>
    </StrictMode>,
  );
}
